package com.marquee.booking.seat;

import java.time.Duration;

import com.marquee.booking.common.problem.ProblemException;

/** 503: this instance already serves {@code booking.seats.live.max-subscribers} live seat maps. */
public class StreamLimitReached extends ProblemException {

    private final Duration retryAfter;

    StreamLimitReached(Duration retryAfter) {
        super(503, "stream-limit-reached", "Too many live seat maps",
                "This instance serves as many live seat maps as it may; retry in " + retryAfter.toSeconds()
                        + " s (another instance may have room), or poll the seat list meanwhile");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
