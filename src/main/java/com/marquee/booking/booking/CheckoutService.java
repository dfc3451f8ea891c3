package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentDeclined;
import com.marquee.booking.payment.PaymentNotFound;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentService;
import com.marquee.booking.payment.PaymentStateConflict;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.BookedSeatRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Paying for a booking: complete (charge the amount due now), confirm (with a payment made earlier) and the
 * auto-confirm job's completion. Each locks the booking row and re-checks its state and hold before any
 * money moves, so a checkout, a cancel and the expiry job never both win. Neither changes the showtime's
 * counter (held and booked seats are both active), so neither needs the showtime lock.
 */
@ApplicationScoped
public class CheckoutService {

    /** {@code created_by} of the payments the auto-confirm job makes (and how it recognises its own tries). */
    public static final String AUTO_CONFIRM = "auto-confirm";

    /** A completion's answer. A decline is committed (failed payment, booking still held), then becomes a 402. */
    public record Checkout(BookingView booking, PaymentView payment, boolean approved) {

        public Checkout orThrow() {
            if (!approved) {
                throw new PaymentDeclined(payment, "booking " + booking.bookingId() + " stays pending until its hold"
                        + " expires at " + booking.holdExpiryTime() + "; retry or confirm it with another payment");
            }
            return this;
        }
    }

    private static final String PAYMENT_USED_INDEX = "bookings_payment_id_key";

    private final BookingRepository bookings;
    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final BookedSeatRepository seats;
    private final BookingViews views;
    private final BookingConfig config;
    private final Clock clock;

    public CheckoutService(BookingRepository bookings, PaymentRepository payments, PaymentService paymentService,
            BookedSeatRepository seats, BookingViews views, BookingConfig config, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.paymentService = paymentService;
        this.seats = seats;
        this.views = views;
        this.config = config;
        this.clock = clock;
    }

    /** Charges the amount due (seats x the price held at) and confirms the booking if the gateway approves. */
    @WithTransaction
    public Uni<Checkout> complete(long bookingId) {
        return bookings.findByIdForUpdate(bookingId)
                .onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                .chain(booking -> {
                    // read after the lock: a wait for a concurrent checkout counts against the hold
                    Instant now = clock.instant();
                    requireHeld(booking, now, "completed");
                    return pay(booking, "user:" + booking.userId, now);
                });
    }

    /** Confirms a held booking with a completed payment that no other booking uses and that covers the amount due. */
    @WithTransaction
    public Uni<BookingView> confirm(long bookingId, long paymentId) {
        return bookings.findByIdForUpdate(bookingId)
                .onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                .chain(booking -> payments.findByIdForUpdate(paymentId)
                        .onItem().ifNull().failWith(() -> new PaymentNotFound(paymentId))
                        .chain(payment -> {
                            Instant now = clock.instant();
                            requireHeld(booking, now, "confirmed");
                            if (payment.status != PaymentStatus.COMPLETED) {
                                throw PaymentStateConflict.notCompleted(payment, "used to confirm a booking");
                            }
                            if (payment.bookingId != null && !payment.bookingId.equals(booking.id)) {
                                throw PaymentStateConflict.alreadyUsed(paymentId, payment.bookingId);
                            }
                            // the payment lock serialises confirms with one payment: this read sees the winner
                            return bookings.findPaidBy(paymentId).chain(paid -> {
                                if (paid != null) {
                                    throw PaymentStateConflict.alreadyUsed(paymentId, (Long) paid[0]);
                                }
                                if (payment.amount.compareTo(booking.amountDue()) < 0) {
                                    throw PaymentStateConflict.insufficient(payment, booking.amountDue(), booking.id);
                                }
                                payment.bookingId = booking.id;
                                return confirmWith(booking, payment, now);
                            });
                        }))
                .onFailure(e -> DatabaseFailures.isUniqueViolation(e, PAYMENT_USED_INDEX))
                .transform(e -> PaymentStateConflict.alreadyUsed(paymentId, bookingId));
    }

    /**
     * Completes one booking for the auto-confirm job exactly as {@link #complete} would, if it is still due
     * and no one else holds it; null if it was skipped. One booking per transaction: a decline or failure of
     * one never undoes another's.
     */
    @WithTransaction
    public Uni<Checkout> autoComplete(long bookingId) {
        Instant now = clock.instant();
        Instant bookedBefore = now.minus(config.autoConfirm().delay());
        return bookings.lockForAutoConfirm(bookingId, bookedBefore, now, AUTO_CONFIRM)
                .chain(booking -> booking == null ? Uni.createFrom().<Checkout> nullItem()
                        : pay(booking, AUTO_CONFIRM, now));
    }

    /** Bookings the auto-confirm job should complete now, oldest first (unlocked: each is locked when completed). */
    @WithSession
    public Uni<List<Long>> autoConfirmDue(int limit) {
        Instant now = clock.instant();
        return bookings.findAutoConfirmDue(now.minus(config.autoConfirm().delay()), now, AUTO_CONFIRM, limit);
    }

    private Uni<Checkout> pay(Booking booking, String createdBy, Instant now) {
        Payment payment = Payment.pending(booking.amountDue(), createdBy, booking.id);
        return payments.persist(payment).call(payments::flush)
                .chain(paymentService::charge)
                .chain(charged -> {
                    if (charged.status == PaymentStatus.COMPLETED) {
                        return confirmWith(booking, charged, now)
                                .map(view -> new Checkout(view, PaymentView.of(charged), true));
                    }
                    return payments.flush().chain(() -> views.of(booking))
                            .map(view -> new Checkout(view, PaymentView.of(charged), false));
                });
    }

    private Uni<BookingView> confirmWith(Booking booking, Payment payment, Instant now) {
        booking.status = BookingStatus.CONFIRMED;
        booking.paymentId = payment.id;
        booking.holdExpiryTime = null;
        return seats.book(booking.id, now).chain(() -> bookings.flush()).chain(() -> views.of(booking));
    }

    private static void requireHeld(Booking booking, Instant now, String action) {
        if (booking.status != BookingStatus.PENDING) {
            throw BookingStateConflict.notPending(booking, action);
        }
        if (!booking.isHeldAt(now)) {
            throw BookingStateConflict.holdExpired(booking);
        }
    }
}
