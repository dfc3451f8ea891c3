package com.marquee.booking.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.dev.DemoData.DemoShowtime;
import com.marquee.booking.scheduler.HoldExpiryJob;
import com.marquee.booking.seat.SeatView;
import com.marquee.booking.showtime.ShowtimeRequest;
import com.marquee.booking.showtime.ShowtimeService;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The demo data dev mode seeds at every start: each showtime in its state, and a second seed changes nothing. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    ShowtimeService showtimes;

    @Inject
    HoldExpiryJob expiry;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void seedsThreeShowtimesInTheirStatesAndNeverDuplicatesThem() throws Throwable {
        TestDb db = new TestDb(dataSource);
        // as after a dev session that ended more than LAST_CALL_LEAD ago: the last call has started
        VertxContextSupport.subscribeAndAwait(() -> showtimes.put(DemoData.LAST_CALL, new ShowtimeRequest(103L, 13L,
                Instant.now().minus(Duration.ofMinutes(5)), new BigDecimal("11.00"), 6, 10)));
        Instant before = Instant.now();

        Map<Long, DemoShowtime> seeded = seed();

        DemoShowtime plain = seeded.get(DemoData.PLAIN);
        assertEquals(200, plain.showtime().totalSeats());
        assertTrue(plain.showtime().startTime().isAfter(before), "plain starts in the future");

        DemoShowtime nearlySoldOut = seeded.get(DemoData.NEARLY_SOLD_OUT);
        assertEquals(DemoData.SEATS_LEFT, nearlySoldOut.showtime().seatsAvailable());
        assertEquals(40 - DemoData.SEATS_LEFT, db.count("SELECT count(*) FROM booked_seats s JOIN bookings b USING (booking_id)"
                + " JOIN payments p ON p.payment_id = b.payment_id WHERE s.showtime_id = ? AND s.status = 'booked'"
                + " AND b.status = 'confirmed' AND p.status = 'completed'", DemoData.NEARLY_SOLD_OUT),
                "every taken seat is booked and paid");

        DemoShowtime lastCall = seeded.get(DemoData.LAST_CALL);
        Instant start = lastCall.showtime().startTime();
        assertTrue(start.isAfter(before) && !start.isAfter(Instant.now().plus(DemoData.LAST_CALL_LEAD)),
                "the last call starts within " + DemoData.LAST_CALL_LEAD + ": " + start);
        assertEquals(7, lastCall.liveHolds().size());
        assertEquals(start, lastCall.holdsExpireAt(), "its holds run out when it starts");
        assertTrue(lastCall.describe().contains("7 on hold until"), lastCall.describe());

        long bookings = db.count("SELECT count(*) FROM bookings WHERE showtime_id IN (1, 2, 3)");
        Map<Long, DemoShowtime> again = seed();
        assertFalse(again.values().stream().anyMatch(DemoShowtime::changed), "a second seed changes nothing");
        assertEquals(bookings, db.count("SELECT count(*) FROM bookings WHERE showtime_id IN (1, 2, 3)"));
        assertEquals(start, again.get(DemoData.LAST_CALL).showtime().startTime());

        // once due, the expiry job releases the last call's holds (made due now instead of waiting for the start)
        List<Long> held = lastCall.liveHolds().stream().map(SeatView::bookingId).distinct().toList();
        held.forEach(db::expireHold);
        VertxContextSupport.subscribeAndAwait(() -> expiry.sweep());
        for (long bookingId : held) {
            assertEquals("cancelled", db.single("SELECT status FROM bookings WHERE booking_id = ?", bookingId));
        }
        assertEquals(0, seed().get(DemoData.LAST_CALL).liveHolds().size());
    }

    private Map<Long, DemoShowtime> seed() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> demo.seed()).stream()
                .collect(Collectors.toMap(s -> s.showtime().showtimeId(), Function.identity()));
    }
}
