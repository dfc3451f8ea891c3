package com.marquee.booking.booking;

import java.time.Duration;

/** What an extend-hold call achieved: {@code added} is less than asked when a cap applied. */
public record HoldExtension(BookingView booking, Duration added, boolean capped) {
}
