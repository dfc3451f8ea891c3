package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentProvider;
import com.marquee.booking.payment.PaymentProvider.Outcome;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.events.EventType;
import com.marquee.booking.events.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Giving money back, with the charge's rules: the caller's transaction (which released the seats) marks the
 * payment {@code refunding} under a fresh provider idempotency key ({@link #start}); after it commits,
 * {@link #run} asks the provider, holding nothing, and records the answer. A refund whose answer is unknown, or
 * that the provider refused, stays {@code refunding}: the reconciler asks again under the same key, so the
 * money is returned exactly once, and never kept for seats no longer held.
 */
@ApplicationScoped
class Refunds {

    private static final Logger LOG = Logger.getLogger(Refunds.class);

    private final PaymentRepository payments;
    private final BookingLocks locks;
    private final Outbox events;
    private final PaymentProvider provider;
    private final BookingMetrics metrics;
    private final BookingConfig.Payments config;
    private final Clock clock;

    Refunds(PaymentRepository payments, BookingLocks locks, Outbox events, PaymentProvider provider,
            BookingMetrics metrics, BookingConfig config, Clock clock) {
        this.payments = payments;
        this.locks = locks;
        this.events = events;
        this.provider = provider;
        this.metrics = metrics;
        this.config = config.payments();
        this.clock = clock;
    }

    /** T1, in the caller's transaction: a completed payment the caller holds locked becomes refunding. */
    void start(Payment payment, Instant now) {
        payment.startRefund(now, now.plus(config.reconcileAfter()));
    }

    /** After T1 committed: the provider call, then T2. Returns the payment as it then stands. */
    Uni<PaymentView> run(long paymentId) {
        return Panache.withSession(() -> payments.findById(paymentId)).chain(payment -> {
            if (payment == null || payment.status != PaymentStatus.REFUNDING) {
                return Uni.createFrom().item(PaymentView.of(payment));
            }
            return call(payment).chain(outcome -> settle(paymentId, outcome));
        });
    }

    private Uni<Outcome> call(Payment payment) {
        return Upstream.onCallerContext(Uni.createFrom().deferred(() -> provider.refund(payment.refund(config.currency())))
                .ifNoItem().after(config.timeout())
                .recoverWithItem(() -> Outcome.unknown(null, "no answer within " + config.timeout().toMillis() + " ms"))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "Refund of payment %d failed unexpectedly", payment.id);
                    return Outcome.unknown(null, e.toString());
                }));
    }

    /** T2 of a refund: whoever learned the outcome (this request, a webhook, the reconciler). */
    Uni<PaymentView> settle(long paymentId, Outcome outcome) {
        return Transactions.inTransaction(() -> locks.payment(paymentId)
                .chain(payment -> settleLocked(payment, outcome, clock.instant()).map(PaymentView::of)))
                .invoke(view -> {
                    if (outcome.approved() && PaymentStatus.REFUNDED.wire().equals(view.status())) {
                        metrics.payment("refunded");
                        events.committed();
                    }
                });
    }

    /** T2 in the caller's transaction, the payment locked. Idempotent: a payment not refunding is left alone. */
    Uni<Payment> settleLocked(Payment payment, Outcome outcome, Instant now) {
        if (payment.status != PaymentStatus.REFUNDING || outcome.unknown()) {
            return Uni.createFrom().item(payment);
        }
        if (outcome.declined()) {
            // money we owe and the provider will not return on its own: loud, and asked again with backoff
            LOG.errorf("The payment provider refused to refund payment %d (%s); it stays refunding and will be retried",
                    payment.id, outcome.reason());
            payment.failureReason = "refund refused by the provider: " + outcome.reason();
            metrics.payment("refund_refused");
            return payments.flush().replaceWith(payment);
        }
        payment.status = PaymentStatus.REFUNDED;
        payment.refundReference = outcome.reference();
        payment.nextCheckAt = null;
        payment.failureReason = null;
        return payments.flush().chain(() -> events.payment(EventType.PAYMENT_REFUNDED, payment.id, now))
                .replaceWith(payment);
    }
}
