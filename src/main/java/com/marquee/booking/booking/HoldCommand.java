package com.marquee.booking.booking;

import java.util.List;

import com.marquee.booking.seat.Seat;

/** A validated request to hold seats: 1..max distinct seats, positive ids. */
public record HoldCommand(long userId, long showtimeId, List<Seat> seats) {
}
