package com.marquee.booking.integration.theatre;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /screens/{id}}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TheatreScreenDto(Long screenId, Long theatreId, Integer screenNumber, Integer numRows, Integer numCols) {
}
