package com.marquee.booking.common.ratelimit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.marquee.booking.common.config.BookingConfig;

/**
 * The per-client limit on booking creation ({@code booking.rate-limit.*}): a token bucket per client key
 * ({@code user:<id>} from a valid token, else {@code ip:<address>}) holding up to {@code burst} tokens and refilled
 * at {@code per-minute}; a request takes one or is refused with a 429 {@link TooManyRequests}. In this instance's
 * memory, bounded: at most {@code max-clients} buckets, the least recently used forgotten first (a forgotten
 * client starts again with a full bucket). Several instances each count on their own, so a client may get up to
 * N times the limit: README, Security, says what to use instead then.
 */
@ApplicationScoped
public class RateLimiter {

    /** What is allowed: {@code perSecond} tokens refill a bucket of {@code burst}. */
    public record Limits(boolean enabled, int burst, double perSecond, int maxClients) {
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    private final Limits configured;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true);

    @Inject
    public RateLimiter(BookingConfig config, Clock clock) {
        BookingConfig.RateLimit limit = config.rateLimit();
        if (limit.burst() < 1 || limit.perMinute() < 1 || limit.maxClients() < 1) {
            throw new IllegalArgumentException("booking.rate-limit.burst, per-minute and max-clients must be at least 1");
        }
        this.configured = new Limits(limit.enabled(), limit.burst(), limit.perMinute() / 60.0, limit.maxClients());
        this.clock = clock;
    }

    /** For CDI's client proxy of a subclass only. */
    protected RateLimiter() {
        this.configured = null;
        this.clock = null;
    }

    /** The limits in force (a test's mock changes them at run time). */
    protected Limits limits() {
        return configured;
    }

    /** Takes one token from {@code client}'s bucket, or throws {@link TooManyRequests} saying when to retry. */
    public void acquire(String client, String what) {
        Limits limits = limits();
        if (!limits.enabled()) {
            return;
        }
        long now = clock.millis() * 1_000_000L;
        double missing;
        synchronized (buckets) {
            Bucket bucket = buckets.get(client);
            if (bucket == null) {
                bucket = new Bucket();
                bucket.tokens = limits.burst();
                bucket.updatedNanos = now;
                buckets.put(client, bucket);
                while (buckets.size() > limits.maxClients()) {
                    buckets.remove(buckets.keySet().iterator().next());
                }
            } else {
                double elapsed = Math.max(0, now - bucket.updatedNanos) / 1e9;
                bucket.tokens = Math.min(limits.burst(), bucket.tokens + elapsed * limits.perSecond());
                bucket.updatedNanos = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        throw new TooManyRequests(what, Math.max(1, (long) Math.ceil(missing / limits.perSecond())));
    }

    /** Forgets every bucket (tests). */
    protected void clear() {
        synchronized (buckets) {
            buckets.clear();
        }
    }

    /** Buckets held now (tests check the memory bound). */
    public int clients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
