package com.marquee.booking.common.problem;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/** Logs the first occurrence at WARN, then at most one summary per interval with how many happened. */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final String format;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, Duration interval, String format) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.format = format;
    }

    void warn(Throwable cause) {
        long now = System.nanoTime();
        long due = nextAt.get();
        long count = suppressed.incrementAndGet();
        if ((due == Long.MIN_VALUE || now - due >= 0) && nextAt.compareAndSet(due, now + intervalNanos)) {
            suppressed.addAndGet(-count);
            log.warnf(format, count, cause.toString());
        } else if (log.isDebugEnabled()) {
            log.debugf("Database unavailable: %s", cause.toString());
        }
    }
}
