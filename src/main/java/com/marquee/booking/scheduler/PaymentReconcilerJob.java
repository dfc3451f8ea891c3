package com.marquee.booking.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.booking.BookingLifecycle;
import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Settles charges and refunds whose provider answer never arrived (a timeout, a 5xx, an instance that died
 * between recording a charge and its outcome), by asking the provider again under the same idempotency key.
 * Safe on many instances: each payment is leased with SKIP LOCKED.
 */
@ApplicationScoped
public class PaymentReconcilerJob {

    private static final Logger LOG = Logger.getLogger(PaymentReconcilerJob.class);

    private final BookingLifecycle lifecycle;
    private final BookingConfig config;

    public PaymentReconcilerJob(BookingLifecycle lifecycle, BookingConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(identity = "payment-reconciler", every = "${booking.payments.reconcile-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return reconcile().invoke(settled -> {
            if (settled > 0) {
                LOG.infof("Reconciled %d payment(s) with the provider", settled);
            }
        }).onFailure().invoke(e -> LOG.warnf("Payment reconciliation failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; returns how many unsettled payments it settled. */
    public Uni<Integer> reconcile() {
        // each provider call is bounded by booking.payments.timeout; a batch makes them one after another
        BookingConfig.Payments payments = config.payments();
        return JobSteps.bounded(lifecycle.settleUnsettledPayments(),
                payments.timeout().multipliedBy(payments.reconcileBatchSize()).plus(JobSteps.STEP_TIMEOUT));
    }
}
