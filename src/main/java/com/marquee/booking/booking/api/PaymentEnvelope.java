package com.marquee.booking.booking.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.booking.BookingView;
import com.marquee.booking.payment.PaymentView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"message"?, "payment", "booking"?}}; {@code booking} is the booking a refund cancelled. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentEnvelope(String message, PaymentView payment, BookingView booking) {

    public static PaymentEnvelope of(PaymentView payment) {
        return new PaymentEnvelope(null, payment, null);
    }

    public static PaymentEnvelope of(String message, PaymentView payment) {
        return new PaymentEnvelope(message, payment, null);
    }
}
