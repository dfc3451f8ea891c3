package com.marquee.booking.integration.payments;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The parts of a Stripe PaymentIntent that settle a payment. {@code status} is one of
 * {@code requires_payment_method}, {@code requires_confirmation}, {@code requires_action}, {@code processing},
 * {@code requires_capture}, {@code canceled}, {@code succeeded}. Amounts are in minor units.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StripeIntent(String id, String status, Long amount, Long amountReceived, String currency,
        Map<String, String> metadata, String latestCharge, String cancellationReason,
        StripeError lastPaymentError) {
}
