package com.marquee.booking.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** At most one WARN per period: an upstream outage is worth one line a minute, not one per request. */
public final class WarnLimiter {

    private final Duration period;
    private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);

    public WarnLimiter(Duration period) {
        this.period = period;
    }

    public boolean allow(Instant now) {
        Instant due = next.get();
        return !now.isBefore(due) && next.compareAndSet(due, now.plus(period));
    }
}
