package com.marquee.booking.seat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Theatre UI's seat: rows always integers. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActiveSeat(int row, int col, String status, long bookingId) {

    public static ActiveSeat of(BookedSeat seat) {
        return new ActiveSeat(seat.seatRow, seat.seatCol, seat.status.wire(), seat.bookingId);
    }
}
