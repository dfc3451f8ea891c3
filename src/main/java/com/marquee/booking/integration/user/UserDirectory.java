package com.marquee.booking.integration.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.UpstreamUnavailable;
import com.marquee.booking.integration.WarnLimiter;

import io.smallrye.mutiny.Uni;

/**
 * Who may book. A user the User Service says does not exist is refused ({@link UserNotFound}); while
 * the User Service is down, bookings go on unchecked (counted and logged): a missed check costs less
 * than a cinema that cannot sell tickets. Confirmed users are remembered for
 * {@code booking.users.cache-ttl}, so a regular customer costs the User Service one call per TTL.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);

    private final UserClient client;
    private final BookingMetrics metrics;
    private final Clock clock;
    private final Duration ttl;
    private final int maxSize;
    private final Map<Long, Instant> confirmed = new ConcurrentHashMap<>();
    private final WarnLimiter warnings = new WarnLimiter(Duration.ofMinutes(1));

    public UserDirectory(UserClient client, BookingMetrics metrics, BookingConfig config, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = config.users().cacheTtl();
        this.maxSize = config.users().cacheSize();
    }

    /** Completes if the user may book; fails with {@link UserNotFound} only on the User Service's word. */
    public Uni<Void> requireExisting(long userId) {
        if (!client.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        Instant until = confirmed.get(userId);
        if (until != null && until.isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return Upstream.onCallerContext(client.profile(userId))
                .onItem().transform(profile -> {
                    if (profile.isEmpty()) {
                        confirmed.remove(userId);
                        throw new UserNotFound(userId);
                    }
                    if (confirmed.size() >= maxSize) {
                        confirmed.clear();
                    }
                    confirmed.put(userId, now.plus(ttl));
                    return (Void) null;
                })
                .onFailure(UpstreamUnavailable.class).recoverWithItem(e -> {
                    metrics.upstreamDegraded(UserClient.SERVICE, "skipped");
                    String message = "User check skipped for user " + userId + ": " + e.getMessage();
                    if (warnings.allow(now)) {
                        LOG.warn(message + " (further skips are logged at DEBUG for a minute)");
                    } else {
                        LOG.debug(message);
                    }
                    return null;
                });
    }
}
