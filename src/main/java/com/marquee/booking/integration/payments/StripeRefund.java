package com.marquee.booking.integration.payments;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Stripe Refund: {@code status} is {@code pending}, {@code requires_action}, {@code succeeded},
 * {@code failed} or {@code canceled}.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StripeRefund(String id, String status, Long amount, String paymentIntent, String charge,
        String failureReason) {
}
