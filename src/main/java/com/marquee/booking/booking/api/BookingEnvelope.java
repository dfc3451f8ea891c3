package com.marquee.booking.booking.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.booking.BookingView;
import com.marquee.booking.payment.PaymentView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"message"?, "booking", "payment"?}}: the answer of every single-booking endpoint. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingEnvelope(String message, BookingView booking, PaymentView payment) {

    public static BookingEnvelope of(BookingView booking) {
        return new BookingEnvelope(null, booking, null);
    }

    public static BookingEnvelope of(String message, BookingView booking) {
        return new BookingEnvelope(message, booking, null);
    }
}
