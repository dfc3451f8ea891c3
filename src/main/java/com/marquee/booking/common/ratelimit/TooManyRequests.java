package com.marquee.booking.common.ratelimit;

import java.util.Map;

import com.marquee.booking.common.problem.ProblemException;

/** 429: the client used up its allowance; {@code Retry-After} says when the next request will be let through. */
public class TooManyRequests extends ProblemException {

    private final long retryAfterSeconds;

    TooManyRequests(String what, long retryAfterSeconds) {
        super(429, "too-many-requests", "Too many requests",
                "Too many " + what + " from this client; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
