package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentView(long paymentId, BigDecimal amount, String status, String createdBy, Long bookingId,
        String gatewayReference, String failureReason, Instant createdAt, Instant updatedAt) {

    public static PaymentView of(Payment p) {
        return p == null ? null
                : new PaymentView(p.id, p.amount, p.status.wire(), p.createdBy, p.bookingId, p.gatewayReference,
                        p.failureReason, p.createdAt, p.updatedAt);
    }
}
