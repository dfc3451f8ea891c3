package com.marquee.booking.seat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code seat_map} is keyed by row in the order the rows were asked for. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeatMapView(long showtimeId, List<Object> rows, int cols, Map<String, List<Cell>> seatMap) {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cell(Object row, int col, boolean available, String status) {
    }
}
