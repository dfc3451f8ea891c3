package com.marquee.booking.booking;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStatus;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Settles payments nobody settled: a charge or refund whose provider answer was unknown (a timeout, a 5xx), or
 * whose instance died between T1 and T2. Each due payment is leased in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, next check pushed out with backoff), so instances share the work without
 * waiting on each other; then the provider is asked again under the payment's own idempotency key (it replays
 * the first answer, or does the work once if the first request never reached it) and the answer goes through
 * the same T2 as a live request's.
 */
@ApplicationScoped
class PaymentReconciler {

    private static final Logger LOG = Logger.getLogger(PaymentReconciler.class);

    private final PaymentRepository payments;
    private final Checkout checkout;
    private final Refunds refunds;
    private final BookingConfig.Payments config;
    private final Clock clock;

    PaymentReconciler(PaymentRepository payments, Checkout checkout, Refunds refunds, BookingConfig config,
            Clock clock) {
        this.payments = payments;
        this.checkout = checkout;
        this.refunds = refunds;
        this.config = config.payments();
        this.clock = clock;
    }

    /** One pass over due payments; returns how many it settled. */
    Uni<Integer> settleDue() {
        return Transactions.inTransaction(() -> payments.leaseUnsettled(clock.instant(), config.reconcileAfter(),
                config.reconcileBatchSize())).chain(ids -> settleEach(ids, 0, 0));
    }

    private Uni<Integer> settleEach(List<Long> ids, int index, int settled) {
        if (index == ids.size()) {
            return Uni.createFrom().item(settled);
        }
        long id = ids.get(index);
        return Panache.withSession(() -> payments.findById(id)).chain(payment -> {
            if (payment == null) {
                return Uni.createFrom().item(false);
            }
            if (payment.status == PaymentStatus.PROCESSING) {
                return checkout.reconcile(payment).map(s -> s.outcome() != Settlement.Outcome.PENDING);
            }
            if (payment.status == PaymentStatus.REFUNDING) {
                return refunds.run(id).map(view -> PaymentStatus.REFUNDED.wire().equals(view.status()));
            }
            return Uni.createFrom().item(false);
        })
                // one payment's failure must not stop the others; its lease brings it back later
                .onFailure().invoke(e -> LOG.warnf("Reconciling payment %d failed, will retry: %s", id, e.toString()))
                .onFailure().recoverWithItem(false)
                .chain(done -> settleEach(ids, index + 1, settled + (done ? 1 : 0)));
    }
}
