package com.marquee.booking.payment.api;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/payments/}: {@code created_by} is the payer, as the user's integer id or any string. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatePaymentRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @DecimalMax(value = "100000", message = "must be at most 100000")
        @Digits(integer = 6, fraction = 2, message = "must have at most 2 decimal places") BigDecimal amount,
        @Size(max = 255) @JsonDeserialize(using = PayerDeserializer.class) String createdBy,
        @Positive Long bookingId) {
}
