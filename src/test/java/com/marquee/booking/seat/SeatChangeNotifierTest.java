package com.marquee.booking.seat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class SeatChangeNotifierTest {

    @Test
    void oneNotificationNamesEveryChangedShowtime() {
        assertArrayEquals(new String[] { "abc:7,8,900" }, SeatChangeNotifier.payloads("abc", List.of(7L, 8L, 900L)));
    }

    @Test
    void manyShowtimesAreSplitBelowPostgresPayloadLimit() {
        List<Long> ids = LongStream.rangeClosed(1_000_000_000L, 1_000_002_000L).boxed().toList();
        String[] payloads = SeatChangeNotifier.payloads("abc", ids);
        assertTrue(payloads.length > 1);
        List<Long> back = new ArrayList<>();
        for (String payload : payloads) {
            assertTrue(payload.length() <= SeatChangeNotifier.MAX_PAYLOAD, payload.length() + " bytes");
            assertTrue(payload.startsWith("abc:"));
            Arrays.stream(payload.substring(4).split(",")).map(Long::parseLong).forEach(back::add);
        }
        assertEquals(ids, back);
    }

    @Test
    void channelNamesAreSafeIdentifiers() {
        assertEquals("seat_changes_booking_test", SeatChangeChannel.identifier("seat_changes_booking_test"));
        assertEquals("seat_changes__my_schema_", SeatChangeChannel.identifier("seat_changes_\"My-Schema\""));
        assertEquals(63, SeatChangeChannel.identifier("x".repeat(100)).length());
    }

    @Test
    void theListenerConnectsToTheFirstServerOfTheReactiveUrl() {
        assertEquals("postgresql://db:5432/booking", SeatChangeChannel.firstServer("postgresql://db:5432/booking"));
        assertEquals("postgresql://localhost:32771/quarkus",
                SeatChangeChannel.firstServer("vertx-reactive:postgresql://localhost:32771/quarkus"));
        assertEquals("postgresql://a:5432/b", SeatChangeChannel.firstServer("postgresql://a:5432/b, postgresql://c/b"));
    }

    @Test
    void reconnectionBacksOffToTenSeconds() {
        assertTrue(SeatChangeListener.backoffMillis(0) <= 100);
        assertTrue(SeatChangeListener.backoffMillis(3) >= 400 && SeatChangeListener.backoffMillis(3) <= 800);
        for (int attempt = 7; attempt < 1000; attempt += 97) {
            long delay = SeatChangeListener.backoffMillis(attempt);
            assertTrue(delay >= 5_000 && delay <= 10_000, attempt + ": " + delay);
        }
    }
}
