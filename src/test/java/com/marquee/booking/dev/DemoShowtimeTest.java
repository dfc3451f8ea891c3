package com.marquee.booking.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marquee.booking.dev.DemoData.DemoShowtime;
import com.marquee.booking.seat.SeatView;
import com.marquee.booking.showtime.ShowtimeView;

/** What the dev-mode log says about a demo showtime; a plain unit test, no Quarkus. */
class DemoShowtimeTest {

    private static final Instant START = Instant.parse("2031-01-01T19:30:00.123456Z");

    @Test
    void describesFreeSeatsAndWhenTheHoldsRunOut() {
        List<SeatView> holds = List.of(hold(1, START.minusSeconds(60)), hold(2, START));
        DemoShowtime lastCall = new DemoShowtime("last call", showtime(7), holds, true);

        assertEquals(START, lastCall.holdsExpireAt());
        assertEquals("showtime 3 (last call): 53 of 60 seats free, 2 on hold until 2031-01-01T19:30:00Z"
                + " (starts 2031-01-01T19:30:00Z)", lastCall.describe());
    }

    @Test
    void aShowtimeWithoutHoldsSaysOnlyHowManySeatsAreFree() {
        DemoShowtime plain = new DemoShowtime("plain", showtime(0), List.of(), false);

        assertNull(plain.holdsExpireAt());
        assertEquals("showtime 3 (plain): 60 of 60 seats free", plain.describe());
    }

    private static ShowtimeView showtime(int booked) {
        return new ShowtimeView(3, 103L, 13L, START, new BigDecimal("11.00"), 6, 10, 60, booked, 60 - booked, START,
                START);
    }

    private static SeatView hold(int col, Instant expiry) {
        return new SeatView("A", col, 1, "A", "on_hold", expiry, 1L, 3L);
    }
}
