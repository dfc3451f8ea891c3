package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code PUT /api/showtimes/{id}}: the whole local showtime. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShowtimeRequest(
        @Positive Long movieId,
        @Positive Long screenId,
        @NotNull Instant startTime,
        @NotNull @DecimalMin(value = "0.01") @DecimalMax("100000") @Digits(integer = 6, fraction = 2) BigDecimal price,
        @NotNull @Min(1) @Max(100) Integer numRows,
        @NotNull @Min(1) @Max(100) Integer numCols) {
}
