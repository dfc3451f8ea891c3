package com.marquee.booking.common.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Services read time from an injected clock so the time rules stay in one place. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        // PostgreSQL keeps microseconds: answers must not show digits the database will not keep
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
