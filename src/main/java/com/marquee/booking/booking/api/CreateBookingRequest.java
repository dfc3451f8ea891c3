package com.marquee.booking.booking.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.seat.SeatInput;

/** Seats stay raw JSON here: rows come as letters or numbers and are checked seat by seat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "CreateBookingRequest")
public record CreateBookingRequest(@NotNull @Positive Long userId, @NotNull @Positive Long showtimeId,
        @Schema(required = true, type = SchemaType.ARRAY, implementation = SeatInput.class, minItems = 1,
                description = "1 to booking.holds.max-seats (default 10) distinct seats") JsonNode seats) {
}
