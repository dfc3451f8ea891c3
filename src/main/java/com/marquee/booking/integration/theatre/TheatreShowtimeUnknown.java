package com.marquee.booking.integration.theatre;

/**
 * The Theatre Service answered that it has no such showtime: an answer, not a failure (never retried, never
 * counted against the circuit). Callers turn it into their own "not found".
 */
public class TheatreShowtimeUnknown extends RuntimeException {

    public TheatreShowtimeUnknown(long showtimeId) {
        super("The Theatre Service has no showtime " + showtimeId, null, false, false);
    }
}
