package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.booking.Booking;
import com.marquee.booking.booking.BookingNotFound;
import com.marquee.booking.booking.BookingRepository;
import com.marquee.booking.booking.BookingStatus;
import com.marquee.booking.booking.BookingView;
import com.marquee.booking.booking.BookingViews;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.seat.SeatHoldService;
import com.marquee.booking.showtime.Showtime;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The payment state machine: pending -> completed -> refunded, pending -> failed; anything else is a 409
 * that changes nothing. Every change locks the payment row; a refund that cancels the booking it paid
 * for locks the showtime and the booking first, the order every seat writer uses.
 */
@ApplicationScoped
public class PaymentService {

    /** A charge's answer. Declines are committed (the payment stays failed) and only then become a 402. */
    public record Processed(PaymentView payment, boolean approved) {

        public PaymentView orThrow() {
            if (!approved) {
                throw new PaymentDeclined(payment, "the payment is now failed");
            }
            return payment;
        }
    }

    /** A refunded payment and the booking the refund cancelled, if any. */
    public record Refunded(PaymentView payment, BookingView cancelledBooking) {
    }

    private final PaymentRepository payments;
    private final PaymentGateway gateway;
    private final BookingRepository bookings;
    private final ShowtimeRepository showtimes;
    private final SeatHoldService holds;
    private final BookingViews views;
    private final Clock clock;

    public PaymentService(PaymentRepository payments, PaymentGateway gateway, BookingRepository bookings,
            ShowtimeRepository showtimes, SeatHoldService holds, BookingViews views, Clock clock) {
        this.payments = payments;
        this.gateway = gateway;
        this.bookings = bookings;
        this.showtimes = showtimes;
        this.holds = holds;
        this.views = views;
        this.clock = clock;
    }

    /** A new pending payment, optionally for an existing booking. */
    @WithTransaction
    public Uni<PaymentView> create(BigDecimal amount, String createdBy, Long bookingId) {
        Uni<Void> bookingExists = bookingId == null ? Uni.createFrom().voidItem()
                : bookings.findById(bookingId).onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                        .replaceWithVoid();
        return bookingExists.chain(() -> {
            Payment payment = Payment.pending(amount.setScale(2, RoundingMode.UNNECESSARY), createdBy, bookingId);
            return payments.persist(payment).call(payments::flush).map(PaymentView::of);
        });
    }

    @WithSession
    public Uni<PaymentView> get(long id) {
        return payments.findById(id).onItem().ifNull().failWith(() -> new PaymentNotFound(id)).map(PaymentView::of);
    }

    /** Charges a pending payment through the gateway: completed, or failed on a decline (committed either way). */
    @WithTransaction
    public Uni<Processed> process(long id) {
        return lock(id).chain(payment -> {
            if (payment.status != PaymentStatus.PENDING) {
                throw PaymentStateConflict.notPending(payment, "processed");
            }
            return charge(payment).call(payments::flush)
                    .map(charged -> new Processed(PaymentView.of(charged), charged.status == PaymentStatus.COMPLETED));
        });
    }

    @WithTransaction
    public Uni<PaymentView> fail(long id) {
        return lock(id).chain(payment -> {
            if (payment.status != PaymentStatus.PENDING) {
                throw PaymentStateConflict.notPending(payment, "failed");
            }
            payment.status = PaymentStatus.FAILED;
            payment.failureReason = "failed on request";
            return payments.flush().map(ignored -> PaymentView.of(payment));
        });
    }

    /**
     * Refunds a completed payment. If it pays for a confirmed booking, that booking is cancelled and its
     * seats released in the same transaction: money and seats never disagree.
     */
    @WithTransaction
    public Uni<Refunded> refund(long id) {
        return bookings.findPaidBy(id).chain(paid -> paid == null ? refundUnused(id)
                : refundWithBooking(id, (Long) paid[0], (Long) paid[1]));
    }

    /**
     * Charges a pending payment whose row (and, in a checkout, booking) the caller holds locked, and records
     * the answer on it: completed with the gateway's reference, or failed with the decline's reason.
     */
    public Uni<Payment> charge(Payment payment) {
        return gateway.charge(new PaymentGateway.Charge(payment.id, payment.amount, payment.createdBy))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new PaymentGatewayUnavailable())
                .map(result -> {
                    payment.gatewayReference = result.reference();
                    if (result.approved()) {
                        payment.status = PaymentStatus.COMPLETED;
                    } else {
                        payment.status = PaymentStatus.FAILED;
                        payment.failureReason = result.declineReason();
                    }
                    return payment;
                });
    }

    /** Refunds a completed payment the caller holds locked (with its booking, if it paid for one). */
    public Uni<Payment> refundLocked(Payment payment) {
        return gateway.refund(payment.id, payment.gatewayReference, payment.amount)
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new PaymentGatewayUnavailable())
                .map(ignored -> {
                    payment.status = PaymentStatus.REFUNDED;
                    return payment;
                });
    }

    private Uni<Refunded> refundUnused(long id) {
        return lock(id).chain(payment -> {
            requireCompleted(payment);
            // a confirm may have claimed the payment between the first look and the lock; its booking was
            // not locked here, so refunding now would leave a confirmed booking with a refunded payment
            return bookings.findPaidBy(id).chain(paid -> {
                if (paid != null) {
                    throw PaymentStateConflict.claimedMeanwhile(id);
                }
                return refundLocked(payment).call(payments::flush)
                        .map(refunded -> new Refunded(PaymentView.of(refunded), null));
            });
        });
    }

    private Uni<Refunded> refundWithBooking(long id, long bookingId, long showtimeId) {
        return showtimes.findByIdForUpdate(showtimeId)
                .chain(showtime -> bookings.findByIdForUpdate(bookingId)
                        .chain(booking -> lock(id).chain(payment -> {
                            requireCompleted(payment);
                            return refundLocked(payment).chain(() -> cancelPaidBooking(booking, showtime))
                                    .call(payments::flush)
                                    .chain(cancelled -> cancelled ? views.of(booking)
                                            : Uni.createFrom().<BookingView> nullItem())
                                    .map(view -> new Refunded(PaymentView.of(payment), view));
                        })));
    }

    /** True if the booking was confirmed and is now cancelled with its seats released. */
    private Uni<Boolean> cancelPaidBooking(Booking booking, Showtime showtime) {
        if (booking.status != BookingStatus.CONFIRMED) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        return holds.release(booking, showtime, Booking.CANCELLED_REFUNDED, now)
                .chain(() -> payments.failPending(booking.id, "booking cancelled", now))
                .map(ignored -> true);
    }

    private Uni<Payment> lock(long id) {
        return payments.findByIdForUpdate(id).onItem().ifNull().failWith(() -> new PaymentNotFound(id));
    }

    private static void requireCompleted(Payment payment) {
        if (payment.status != PaymentStatus.COMPLETED) {
            throw PaymentStateConflict.notCompleted(payment, "refunded");
        }
    }
}
