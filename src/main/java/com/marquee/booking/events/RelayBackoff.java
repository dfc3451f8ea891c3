package com.marquee.booking.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the relay may talk to the broker again after failures: exponential (initial, doubled per
 * consecutive failure, capped) with jitter (a random 50-100 % of the step, so many instances do not all
 * retry at the same instant). While backing off the relay claims nothing; the first attempt after a pause
 * is a probe of a single booking, so a broker that is still down costs one message per pause, not a batch.
 */
final class RelayBackoff {

    private final Duration initial;
    private final Duration max;
    private int failures;
    private Instant readyAt = Instant.MIN;

    RelayBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    synchronized boolean ready(Instant now) {
        return !now.isBefore(readyAt);
    }

    /** Right after a failure only one booking is tried, until one goes through. */
    synchronized boolean probing() {
        return failures > 0;
    }

    synchronized Duration failed(Instant now) {
        failures++;
        long step = initial.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(step, max.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration pause = Duration.ofMillis(jittered);
        readyAt = now.plus(pause);
        return pause;
    }

    synchronized void succeeded() {
        failures = 0;
        readyAt = Instant.MIN;
    }

    synchronized int failures() {
        return failures;
    }
}
