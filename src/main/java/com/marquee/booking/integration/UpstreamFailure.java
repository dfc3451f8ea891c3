package com.marquee.booking.integration;

/**
 * One failed attempt at an upstream call (5xx, connection refused or reset, an unusable answer): the
 * type that retry and the circuit breaker count, whatever the transport threw.
 */
public class UpstreamFailure extends RuntimeException {

    public UpstreamFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public UpstreamFailure(String message) {
        super(message);
    }

    /** Routine when an upstream is down: a stack trace per attempt would only flood the log. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
