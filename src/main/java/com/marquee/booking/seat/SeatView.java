package com.marquee.booking.seat;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A seat of a booking on the wire; {@code row} echoes the notation the booking used. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeatView(@Schema(implementation = SeatInput.Row.class) Object row, int col, int rowNumber,
        String rowLabel, String status, Instant holdExpiryTime, Long bookingId, Long showtimeId) {

    public static SeatView of(BookedSeat seat) {
        return new SeatView(seat.seat().rowValue(), seat.seatCol, seat.seatRow, RowLabels.label(seat.seatRow),
                seat.status.wire(), seat.holdExpiryTime, seat.bookingId, seat.showtimeId);
    }
}
