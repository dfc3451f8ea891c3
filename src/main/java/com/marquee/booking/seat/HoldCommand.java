package com.marquee.booking.seat;

import java.util.List;

/** A validated request to hold seats: 1..max distinct seats, positive ids. */
public record HoldCommand(long userId, long showtimeId, List<Seat> seats) {
}
