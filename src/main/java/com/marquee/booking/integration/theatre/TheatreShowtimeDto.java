package com.marquee.booking.integration.theatre;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /showtimes/{id}}; the start time stays text until parsed: services differ in how they write it. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TheatreShowtimeDto(Long showtimeId, Long screenId, Long movieId, String startTime, BigDecimal price,
        Integer seatsBooked) {
}
