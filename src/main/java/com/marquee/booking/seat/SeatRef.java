package com.marquee.booking.seat;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Names a seat in answers about requested seats (conflicts, availability), in the request's notation. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeatRef(@Schema(implementation = SeatInput.Row.class) Object row, int col, int rowNumber,
        String rowLabel, String status) {

    public static SeatRef of(Seat seat, String status) {
        return new SeatRef(seat.rowValue(), seat.col(), seat.row(), RowLabels.label(seat.row()), status);
    }
}
