package com.marquee.booking.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The relay's pause after broker failures: doubles, stops at the cap, jitters within 50-100 %, resets. */
class RelayBackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-19T10:40:00Z");

    @Test
    void pausesGrowExponentiallyUpToTheCapWithJitter() {
        RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertTrue(backoff.ready(NOW));
        assertFalse(backoff.probing());

        long[] steps = { 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 };
        for (long step : steps) {
            Duration pause = backoff.failed(NOW);
            assertTrue(pause.toMillis() >= step / 2 && pause.toMillis() <= step, pause + " for a step of " + step);
            assertFalse(backoff.ready(NOW));
            assertTrue(backoff.ready(NOW.plus(pause)));
            assertTrue(backoff.probing(), "after a failure only one booking is tried");
        }
        assertEquals(steps.length, backoff.failures());

        backoff.succeeded();
        assertTrue(backoff.ready(NOW));
        assertFalse(backoff.probing());
        assertTrue(backoff.failed(NOW).toMillis() <= 500, "starts over after a success");
    }

    @Test
    void manyFailuresNeverOverflowTheStep() {
        RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            Duration pause = backoff.failed(NOW);
            assertTrue(!pause.isNegative() && pause.toMillis() <= 30_000, pause.toString());
        }
    }
}
