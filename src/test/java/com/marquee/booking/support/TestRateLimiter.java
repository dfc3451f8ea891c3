package com.marquee.booking.support;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.ratelimit.RateLimiter;

import io.quarkus.test.Mock;

/**
 * The booking-creation limit, off in tests ({@code %test.booking.rate-limit.enabled=false}) unless a test turns it
 * on here, with limits of its own; {@link #reset()} turns it off again and forgets every client.
 */
@Mock
@ApplicationScoped
public class TestRateLimiter extends RateLimiter {

    private volatile Limits override;

    protected TestRateLimiter() {
    }

    @Inject
    public TestRateLimiter(BookingConfig config, Clock clock) {
        super(config, clock);
    }

    @Override
    protected Limits limits() {
        Limits limits = override;
        return limits != null ? limits : super.limits();
    }

    /** On, with a bucket of {@code burst} refilled at {@code perMinute}, at most {@code maxClients} remembered. */
    public void enable(int burst, int perMinute, int maxClients) {
        clear();
        override = new Limits(true, burst, perMinute / 60.0, maxClients);
    }

    public void reset() {
        override = null;
        clear();
    }
}
