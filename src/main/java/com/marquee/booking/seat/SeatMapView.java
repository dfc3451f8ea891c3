package com.marquee.booking.seat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code seat_map} is keyed by row in the order the rows were asked for. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeatMapView(long showtimeId,
        @Schema(type = SchemaType.ARRAY, implementation = SeatInput.Row.class,
                description = "the rows asked for, in that order")
        List<Object> rows,
        int cols,
        @Schema(description = "the seats of each row, keyed by the row as asked for") Map<String, List<Cell>> seatMap) {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cell(@Schema(implementation = SeatInput.Row.class) Object row, int col, boolean available,
            String status) {
    }
}
