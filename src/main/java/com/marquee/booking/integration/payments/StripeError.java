package com.marquee.booking.integration.payments;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Stripe's error object ({@code {"error": {...}}} on every non-2xx answer, and an intent's
 * {@code last_payment_error}). {@code type}: {@code api_error}, {@code card_error}, {@code idempotency_error} or
 * {@code invalid_request_error}; a card error on a PaymentIntent carries the intent.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StripeError(String type, String code, String declineCode, String message, String param,
        StripeIntent paymentIntent) {

    /** The body of a non-2xx answer. */
    @RegisterForReflection
    record Body(StripeError error) {
    }

    /** The most specific reason Stripe gave: the issuer's decline code, else the error code, else the message. */
    String reason() {
        String why = declineCode != null ? declineCode : code != null ? code : type;
        if (message == null || message.isBlank()) {
            return why == null ? "no reason given" : why;
        }
        return why == null ? message : why + ": " + message;
    }
}
