package com.marquee.booking.booking;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.BookedSeat;
import com.marquee.booking.seat.BookedSeatRepository;
import com.marquee.booking.seat.SeatView;

import io.smallrye.mutiny.Uni;

/** Turns bookings into their wire form, loading seats and payments for any number of bookings in two queries. */
@ApplicationScoped
public class BookingViews {

    private final BookedSeatRepository seats;
    private final PaymentRepository payments;

    public BookingViews(BookedSeatRepository seats, PaymentRepository payments) {
        this.seats = seats;
        this.payments = payments;
    }

    public Uni<BookingView> of(Booking booking) {
        return of(List.of(booking)).map(views -> views.get(0));
    }

    public Uni<List<BookingView>> of(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> ids = bookings.stream().map(b -> b.id).toList();
        List<Long> paymentIds = bookings.stream().map(b -> b.paymentId).filter(Objects::nonNull).toList();
        return seats.findByBookings(ids).chain(allSeats -> payments.findByIds(paymentIds).map(allPayments -> {
            Map<Long, List<BookedSeat>> seatsByBooking = allSeats.stream()
                    .collect(Collectors.groupingBy(s -> s.bookingId));
            Map<Long, Payment> paymentsById = allPayments.stream()
                    .collect(Collectors.toMap(p -> p.id, Function.identity()));
            return bookings.stream()
                    .map(b -> of(b, seatsByBooking.getOrDefault(b.id, List.of()), paymentsById.get(b.paymentId)))
                    .toList();
        }));
    }

    public static BookingView of(Booking b, List<BookedSeat> seats, Payment payment) {
        return new BookingView(b.id, b.userId, b.showtimeId, b.status.wire(), b.paymentId, b.bookingTime,
                b.holdExpiryTime, b.pricePerSeat, b.amountDue(), seats.stream().map(SeatView::of).toList(),
                PaymentView.of(payment), b.cancelReason, b.createdAt, b.updatedAt);
    }
}
