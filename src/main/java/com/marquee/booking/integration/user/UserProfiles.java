package com.marquee.booking.integration.user;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.CachedDetails;

import io.smallrye.mutiny.Uni;

/**
 * Users' names and emails for booking events, kept in memory for {@code booking.users.cache-ttl}. Never
 * fails: a profile the User Service cannot give right now is left out (and asked for again next time).
 */
@ApplicationScoped
public class UserProfiles {

    private static final Logger LOG = Logger.getLogger(UserProfiles.class);
    /** Lookups in flight at once: a relay batch of new users must not flood the User Service. */
    private static final int CONCURRENCY = 8;

    private final UserClient client;
    private final CachedDetails<UserProfile> profiles;

    public UserProfiles(UserClient client, BookingMetrics metrics, BookingConfig config, Clock clock) {
        this.client = client;
        this.profiles = new CachedDetails<>(new CachedDetails.Source(UserClient.SERVICE, "User", "left out of an event",
                LOG), client::profile, CONCURRENCY, metrics, clock, config.users().cacheTtl(),
                config.users().cacheSize());
    }

    /** Profiles of those of {@code userIds} that are known; the others are absent from the map. */
    public Uni<Map<Long, UserProfile>> profiles(Collection<Long> userIds) {
        if (!client.enabled()) {
            return Uni.createFrom().item(Map.of());
        }
        return profiles.get(userIds);
    }
}
