package com.marquee.booking.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.SeatView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A booking on the wire. {@code movie} is left out (not null) unless the Movie Service named the movie. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BookingView(long bookingId, long userId, long showtimeId, String status, Long paymentId,
        Instant bookingTime, Instant holdExpiryTime, BigDecimal pricePerSeat, BigDecimal amountDue,
        List<SeatView> seats, PaymentView payment, String cancelReason, Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) MovieRef movie) {

    /** A booking without movie details: what the transaction builds; {@link MovieDetails} adds them after. */
    public BookingView(long bookingId, long userId, long showtimeId, String status, Long paymentId,
            Instant bookingTime, Instant holdExpiryTime, BigDecimal pricePerSeat, BigDecimal amountDue,
            List<SeatView> seats, PaymentView payment, String cancelReason, Instant createdAt, Instant updatedAt) {
        this(bookingId, userId, showtimeId, status, paymentId, bookingTime, holdExpiryTime, pricePerSeat, amountDue,
                seats, payment, cancelReason, createdAt, updatedAt, null);
    }

    public BookingView withMovie(MovieRef movie) {
        return new BookingView(bookingId, userId, showtimeId, status, paymentId, bookingTime, holdExpiryTime,
                pricePerSeat, amountDue, seats, payment, cancelReason, createdAt, updatedAt, movie);
    }
}
