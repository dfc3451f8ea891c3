package com.marquee.booking.integration.theatre;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.marquee.booking.integration.UpstreamFailure;

/** A showtime as the Theatre Service has it, with its screen's size: what the local copy is made of. */
public record TheatreShowtime(long showtimeId, Long movieId, long screenId, Instant startTime, BigDecimal price,
        int numRows, int numCols) {

    /** The local table's limits (and the seat parser's): a screen outside them cannot be booked here. */
    private static final int MAX_ROWS = 100;
    private static final int MAX_COLS = 100;

    static TheatreShowtime of(long requestedId, TheatreShowtimeDto showtime, TheatreScreenDto screen) {
        if (screen.numRows() == null || screen.numCols() == null || screen.numRows() < 1
                || screen.numRows() > MAX_ROWS || screen.numCols() < 1 || screen.numCols() > MAX_COLS) {
            throw new UpstreamFailure("Theatre Service screen " + showtime.screenId() + " has an unusable size "
                    + screen.numRows() + " x " + screen.numCols());
        }
        BigDecimal price = showtime.price();
        if (price != null && (price.signum() <= 0 || price.compareTo(new BigDecimal("100000")) > 0)) {
            throw new UpstreamFailure("Theatre Service showtime " + requestedId + " has an unusable price " + price);
        }
        return new TheatreShowtime(requestedId, showtime.movieId(), showtime.screenId(),
                parseTime(requestedId, showtime.startTime()), price, screen.numRows(), screen.numCols());
    }

    /** ISO-8601 with an offset, or without one meaning UTC (as Django and friends often write it). */
    static Instant parseTime(long showtimeId, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new UpstreamFailure("Theatre Service showtime " + showtimeId + " has an unreadable start_time");
            }
        }
    }
}
