package com.marquee.booking.seat;

import java.time.Duration;

import com.marquee.booking.booking.BookingView;

/** What an extend-hold call achieved: {@code added} is less than asked when a cap applied. */
public record HoldExtension(BookingView booking, Duration added, boolean capped) {
}
