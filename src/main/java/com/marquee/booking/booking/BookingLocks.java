package com.marquee.booking.booking;

import java.time.Instant;
import java.util.SortedSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentNotFound;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStateConflict;
import com.marquee.booking.showtime.Showtime;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one lock order of the booking lifecycle, written once: <b>showtime row, then booking row, then payment
 * row</b>. Every use case that changes a booking takes its row locks through these methods, inside its
 * transaction, and takes none in another order; a deadlock therefore means a bug
 * ({@link com.marquee.booking.common.db.Transactions} logs it as one).
 * <ul>
 * <li>The showtime row is the lock of a showtime's seats (a free seat has no row to lock): whoever changes
 * which seats are active, and the counter, takes it first. The hold's fast path takes it with its first
 * statement, the counter update.</li>
 * <li>A change that leaves the seats active and the counter alone (extend, complete, confirm) locks only the
 * booking.</li>
 * <li>Several showtimes are locked in id order.</li>
 * </ul>
 * Ids needed to find the locks (a booking's showtime, the booking a payment pays for) are read first without a
 * lock and re-checked once the locks are held.
 */
@ApplicationScoped
class BookingLocks {

    /** A booking and the showtime whose seats it holds, both locked. */
    record ShowtimeAndBooking(Showtime showtime, Booking booking) {
    }

    /** A payment and, when it pays for or is charged for one, its booking (and the booking's showtime). */
    record PaymentLocks(Showtime showtime, Booking booking, Payment payment) {
    }

    private final ShowtimeRepository showtimes;
    private final BookingRepository bookings;
    private final PaymentRepository payments;

    BookingLocks(ShowtimeRepository showtimes, BookingRepository bookings, PaymentRepository payments) {
        this.showtimes = showtimes;
        this.bookings = bookings;
        this.payments = payments;
    }

    Uni<Showtime> showtime(long showtimeId) {
        return showtimes.findByIdForUpdate(showtimeId);
    }

    /** Several showtimes, in id order. */
    Uni<Void> showtimes(SortedSet<Long> showtimeIds) {
        return showtimes.lockAll(showtimeIds);
    }

    /** For a change of the booking's seats or the showtime's counter (cancel, release). */
    Uni<ShowtimeAndBooking> showtimeThenBooking(long bookingId) {
        return bookings.showtimeOf(bookingId)
                .onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                .chain(showtimes::findByIdForUpdate)
                .chain(showtime -> bookings.findByIdForUpdate(bookingId)
                        .onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                        .map(booking -> new ShowtimeAndBooking(showtime, booking)));
    }

    /** For a change that leaves the booking's seats active (extend, complete, confirm). */
    Uni<Booking> booking(long bookingId) {
        return bookings.findByIdForUpdate(bookingId).onItem().ifNull().failWith(() -> new BookingNotFound(bookingId));
    }

    /** The auto-confirm job's booking: locked only if still due and not locked by anyone else, else null. */
    Uni<Booking> bookingDueForAutoConfirm(long bookingId, Instant bookedBefore, Instant now, String actor) {
        return bookings.lockForAutoConfirm(bookingId, bookedBefore, now, actor);
    }

    /** A payment, after whatever booking lock the caller already holds. */
    Uni<Payment> payment(long paymentId) {
        return payments.findByIdForUpdate(paymentId).onItem().ifNull().failWith(() -> new PaymentNotFound(paymentId));
    }

    /**
     * A payment and the booking it is charged for (its {@code booking_id}: set at creation, or by a confirm, which
     * only takes completed payments), in that order.
     */
    Uni<PaymentLocks> chargedBookingThenPayment(long paymentId) {
        return payments.find("select p.bookingId from Payment p where p.id = ?1", paymentId).project(Long.class)
                .firstResult()
                .chain(bookingId -> bookingId == null ? Uni.createFrom().<Booking> nullItem()
                        : bookings.findByIdForUpdate(bookingId))
                .chain(booking -> payment(paymentId).map(payment -> new PaymentLocks(null, booking, payment)));
    }

    /**
     * A payment and the booking it pays for (the booking whose {@code payment_id} it is) with that booking's
     * showtime: a refund may release the booking's seats. A confirm that claims the payment between the first
     * look and the locks is refused rather than refunded around.
     */
    Uni<PaymentLocks> showtimeBookingThenPayment(long paymentId) {
        return bookings.findPaidBy(paymentId).chain(paid -> {
            if (paid == null) {
                return payment(paymentId).chain(payment -> bookings.findPaidBy(paymentId).map(claimed -> {
                    if (claimed != null) {
                        throw PaymentStateConflict.claimedMeanwhile(paymentId);
                    }
                    return new PaymentLocks(null, null, payment);
                }));
            }
            long bookingId = (Long) paid[0];
            return showtimes.findByIdForUpdate((Long) paid[1])
                    .chain(showtime -> bookings.findByIdForUpdate(bookingId)
                            .chain(booking -> payment(paymentId)
                                    .map(payment -> new PaymentLocks(showtime, booking, payment))));
        });
    }

    /** Flushes the session: set-based statements that follow must see the entity changes made so far. */
    Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }
}
