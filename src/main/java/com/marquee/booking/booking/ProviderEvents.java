package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.marquee.booking.common.change.SeatsChanged;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentProvider.Outcome;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.ProviderEvent;
import com.marquee.booking.events.EventType;
import com.marquee.booking.events.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies a provider's webhook event through the same settlement code as a live request (T2), in one
 * transaction with the record of the event, so a redelivered event changes nothing. An event for a payment we
 * do not know changes nothing either. A refund notice that arrives before the charge it refunds has settled
 * is refused (the provider redelivers it later); everything else is applied in whatever order it comes, since
 * settling is idempotent and only ever moves a payment forward.
 */
@ApplicationScoped
class ProviderEvents {

    private static final Logger LOG = Logger.getLogger(ProviderEvents.class);

    /** What became of an event. */
    public enum Applied {
        APPLIED, DUPLICATE, UNKNOWN_PAYMENT
    }

    private final PaymentRepository payments;
    private final BookingLocks locks;
    private final Checkout checkout;
    private final Refunds refunds;
    private final BookingRelease release;
    private final Outbox events;
    private final BookingMetrics metrics;
    private final Event<SeatsChanged> seatsChanged;
    private final Clock clock;

    ProviderEvents(PaymentRepository payments, BookingLocks locks, Checkout checkout, Refunds refunds,
            BookingRelease release, Outbox events, BookingMetrics metrics, Event<SeatsChanged> seatsChanged,
            Clock clock) {
        this.payments = payments;
        this.locks = locks;
        this.checkout = checkout;
        this.refunds = refunds;
        this.release = release;
        this.events = events;
        this.metrics = metrics;
        this.seatsChanged = seatsChanged;
        this.clock = clock;
    }

    Uni<Applied> apply(ProviderEvent event) {
        return Panache.withSession(() -> event.paymentId() != null ? payments.findById(event.paymentId())
                : event.chargeReference() == null ? Uni.createFrom().<Payment> nullItem()
                        : payments.find("gatewayReference", event.chargeReference()).firstResult())
                .chain(known -> {
                    if (known == null || !event.provider().equals(known.provider)) {
                        LOG.infof("Ignoring %s event %s: no payment of ours matches it (payment %s, charge %s)",
                                event.provider(), event.eventId(), event.paymentId(), event.chargeReference());
                        return Uni.createFrom().item(Applied.UNKNOWN_PAYMENT);
                    }
                    boolean otherCharge = known.gatewayReference != null && event.chargeReference() != null
                            && !known.gatewayReference.equals(event.chargeReference());
                    if (otherCharge || (event.kind() == ProviderEvent.Kind.CHARGE_SUCCEEDED
                            && known.amountDiffers(event.amount()))) {
                        // Our payment id on a charge that is not the one we recorded, or of another amount: a second
                        // charge (money taken with no record of ours) or another system sharing the account. Never
                        // settle our payment from it; a person must look.
                        LOG.errorf("%s event %s (%s) names payment %d but its charge %s (amount %s minor units) is not"
                                + " the payment's charge %s of %s %s: not applied; check it in the provider's dashboard"
                                + " and refund it if it is a second charge", event.provider(), event.eventId(),
                                event.type(), known.id, event.chargeReference(), event.amount(),
                                known.gatewayReference, known.amount, known.currency);
                        return Uni.createFrom().item(Applied.UNKNOWN_PAYMENT);
                    }
                    return switch (event.kind()) {
                        case CHARGE_SUCCEEDED, CHARGE_FAILED -> settleCharge(event, known.id);
                        case REFUNDED -> settleRefund(event, known.id, known.status);
                    };
                });
    }

    private Uni<Applied> settleCharge(ProviderEvent event, long paymentId) {
        Outcome outcome = event.kind() == ProviderEvent.Kind.CHARGE_SUCCEEDED
                ? Outcome.approved(event.chargeReference())
                : Outcome.declined(event.chargeReference(), event.reason());
        return Transactions.inTransaction(() -> recordOnce(event, paymentId).chain(first -> !first
                ? Uni.createFrom().<Checkout.Settled> nullItem()
                : checkout.settleInTransaction(paymentId, outcome)))
                .call(settled -> settled == null ? Uni.createFrom().voidItem() : checkout.afterCommit(settled))
                .map(settled -> settled == null ? Applied.DUPLICATE : Applied.APPLIED);
    }

    /**
     * A refund the provider reports: ours finishing, or one made outside this service (the provider's
     * dashboard), which cancels the booking the payment paid for and releases its seats, like a refund here.
     */
    private Uni<Applied> settleRefund(ProviderEvent event, long paymentId, PaymentStatus seen) {
        if (seen == PaymentStatus.PENDING || seen == PaymentStatus.PROCESSING) {
            throw new ProblemException(409, "event-out-of-order", "Event out of order",
                    "Payment " + paymentId + " has not settled its charge yet; deliver the refund later");
        }
        Outcome refunded = Outcome.approved(event.refundReference());
        return Transactions.inTransaction(() -> recordOnce(event, paymentId).chain(first -> {
            if (!first) {
                return Uni.createFrom().item((Long) null);
            }
            Instant now = clock.instant();
            if (seen != PaymentStatus.COMPLETED) { // ours, finishing (or already recorded)
                return locks.payment(paymentId).chain(payment -> refunds.settleLocked(payment, refunded, now))
                        .replaceWith(0L);
            }
            return locks.showtimeBookingThenPayment(paymentId).chain(locked -> {
                Payment payment = locked.payment();
                if (payment.status != PaymentStatus.COMPLETED) {
                    return refunds.settleLocked(payment, refunded, now).replaceWith(0L);
                }
                Booking booking = locked.booking();
                Uni<Long> cancelled = booking == null || booking.status != BookingStatus.CONFIRMED
                        ? Uni.createFrom().item(0L)
                        : release.release(List.of(booking.id), BookingRelease.REFUNDED, now).replaceWith(booking.showtimeId);
                return cancelled.call(() -> {
                    LOG.infof("Payment %d was refunded at the provider (%s); recording it", payment.id, event.eventId());
                    payment.status = PaymentStatus.REFUNDED;
                    payment.refundReference = event.refundReference();
                    payment.refundStartedAt = now;
                    return payments.flush().chain(() -> events.payment(EventType.PAYMENT_REFUNDED, payment.id, now));
                });
            });
        })).invoke(showtimeId -> {
            if (showtimeId != null) {
                events.committed();
            }
            if (showtimeId != null && showtimeId > 0) {
                metrics.bookingCancelled(BookingRelease.REFUNDED);
                seatsChanged.fire(new SeatsChanged(Set.of(showtimeId)));
            }
        }).map(showtimeId -> showtimeId == null ? Applied.DUPLICATE : Applied.APPLIED);
    }

    /** True the first time an event is seen; the row commits (or rolls back) with what the event changed. */
    private Uni<Boolean> recordOnce(ProviderEvent event, long paymentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO provider_events (provider, event_id, event_type, payment_id, received_at)"
                        + " VALUES (:provider, :id, :type, :payment, :now) ON CONFLICT DO NOTHING")
                .setParameter("provider", event.provider()).setParameter("id", event.eventId())
                .setParameter("type", event.type()).setParameter("payment", paymentId)
                .setParameter("now", clock.instant()).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
