package com.marquee.booking.integration;

import com.marquee.booking.common.problem.ServiceUnavailable;

/**
 * An upstream service gave no usable answer after timeouts and retries, or its circuit is open. A 503
 * where the request cannot do without it; callers that can do without it recover from this type.
 */
public class UpstreamUnavailable extends ServiceUnavailable {

    private final String service;
    private final String reason;

    public UpstreamUnavailable(String service, String reason, String detail) {
        super(detail);
        this.service = service;
        this.reason = reason;
    }

    /** The upstream's short name, as in the metrics: theatre, movie, user. */
    public String service() {
        return service;
    }

    /** What went wrong, as in the metrics: timeout, circuit_open, error. */
    public String reason() {
        return reason;
    }
}
