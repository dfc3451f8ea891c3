package com.marquee.booking.integration.user;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.logging.RateLimitedLog;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.UpstreamUnavailable;

import io.smallrye.mutiny.Uni;

/**
 * Who the users are, as the User Service says (its answers cached: {@link UserClient#profile}). A booking for
 * a user it says does not exist is refused ({@link UserNotFound}); while it is down, bookings go on unchecked
 * (counted and logged): a missed check costs less than a cinema that cannot sell tickets. Events get the
 * user's name and email when the service knows them.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);

    private final UserClient client;
    private final BookingMetrics metrics;
    private final RateLimitedLog skips = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public UserDirectory(UserClient client, BookingMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    /** Completes if the user may book; fails with {@link UserNotFound} only on the User Service's word. */
    public Uni<Void> requireExisting(long userId) {
        if (!client.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Upstream.onCallerContext(client.profile(userId))
                .onItem().transform(profile -> {
                    if (profile.isEmpty()) {
                        throw new UserNotFound(userId);
                    }
                    return (Void) null;
                })
                .onFailure(UpstreamUnavailable.class).recoverWithItem(e -> {
                    metrics.upstreamDegraded(UserClient.SERVICE, "skipped");
                    skips.warn("User check skipped for user " + userId + ": " + e.getMessage());
                    return null;
                });
    }

    /** The user's profile; empty when the User Service is not configured, does not know the user, or is down. */
    public Uni<Optional<UserProfile>> profile(long userId) {
        if (!client.enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Upstream.onCallerContext(client.profile(userId))
                .onFailure(UpstreamUnavailable.class).recoverWithItem(e -> {
                    metrics.upstreamDegraded(UserClient.SERVICE, "no_details");
                    skips.warn("User " + userId + " left out of an event: " + e.getMessage());
                    return Optional.empty();
                });
    }
}
