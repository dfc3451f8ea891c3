package com.marquee.booking.booking.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Seats stay raw JSON here: rows come as letters or numbers and are checked seat by seat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateBookingRequest(@NotNull @Positive Long userId, @NotNull @Positive Long showtimeId,
        JsonNode seats) {
}
