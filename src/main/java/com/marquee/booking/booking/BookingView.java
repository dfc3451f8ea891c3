package com.marquee.booking.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.SeatView;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BookingView(long bookingId, long userId, long showtimeId, String status, Long paymentId,
        Instant bookingTime, Instant holdExpiryTime, BigDecimal pricePerSeat, BigDecimal amountDue,
        List<SeatView> seats, PaymentView payment, String cancelReason, Instant createdAt, Instant updatedAt) {
}
