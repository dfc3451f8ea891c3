package com.marquee.booking.common.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * A WARN that would repeat for every request during an outage (a database or an upstream down): the first
 * one is logged with how many happened, then at most one per interval; the rest go to DEBUG.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} at WARN unless one was logged less than an interval ago. */
    public void warn(String message) {
        long now = System.nanoTime();
        long due = nextAt.get();
        long count = suppressed.incrementAndGet();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextAt.compareAndSet(due, now + intervalNanos)) {
            suppressed.addAndGet(-count);
            log.warn(count == 1 ? message : message + " (" + count + " times since the last report)");
        } else if (log.isDebugEnabled()) {
            log.debug(message);
        }
    }
}
