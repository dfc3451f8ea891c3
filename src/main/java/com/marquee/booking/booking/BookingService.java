package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentService;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.seat.SeatHoldService;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reading bookings and cancelling them. */
@ApplicationScoped
public class BookingService {

    private final BookingRepository bookings;
    private final ShowtimeRepository showtimes;
    private final PaymentRepository payments;
    private final PaymentService paymentService;
    private final SeatHoldService holds;
    private final BookingViews views;
    private final Clock clock;

    public BookingService(BookingRepository bookings, ShowtimeRepository showtimes, PaymentRepository payments,
            PaymentService paymentService, SeatHoldService holds, BookingViews views, Clock clock) {
        this.bookings = bookings;
        this.showtimes = showtimes;
        this.payments = payments;
        this.paymentService = paymentService;
        this.holds = holds;
        this.views = views;
        this.clock = clock;
    }

    @WithSession
    public Uni<BookingView> get(long id) {
        return bookings.findById(id)
                .onItem().ifNull().failWith(() -> new BookingNotFound(id))
                .chain(views::of);
    }

    @WithSession
    public Uni<List<BookingView>> listForUser(long userId, boolean includeCancelled, int limit, int offset) {
        return bookings.listForUser(userId, includeCancelled, limit, offset).chain(views::of);
    }

    /**
     * Cancels a pending or confirmed booking: seats released, a completed payment refunded through the
     * gateway. Locks the showtime before the booking, like every other writer of the showtime's seats.
     */
    @WithTransaction
    public Uni<BookingView> cancel(long id) {
        Instant now = clock.instant();
        return bookings.showtimeOf(id)
                .onItem().ifNull().failWith(() -> new BookingNotFound(id))
                .chain(showtimes::findByIdForUpdate)
                .chain(showtime -> bookings.findByIdForUpdate(id).chain(booking -> {
                    if (booking.status == BookingStatus.CANCELLED) {
                        throw BookingStateConflict.alreadyCancelled(booking);
                    }
                    Uni<Void> refund = booking.paymentId == null ? Uni.createFrom().voidItem()
                            : payments.findByIdForUpdate(booking.paymentId)
                                    .chain(payment -> payment != null && payment.status == PaymentStatus.COMPLETED
                                            ? paymentService.refundLocked(payment)
                                            : Uni.createFrom().item(payment))
                                    .replaceWithVoid();
                    return refund
                            .chain(() -> holds.release(booking, showtime, Booking.CANCELLED_BY_USER, now))
                            .chain(() -> payments.failPending(booking.id, "booking cancelled", now))
                            .chain(() -> bookings.flush())
                            .chain(() -> views.of(booking));
                }));
    }
}
