package com.marquee.booking.integration.movie;

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
 * Movie names for booking responses and events, kept in memory for {@code booking.movies.cache-ttl}. Never
 * fails: a name the Movie Service cannot give right now is simply left out (and asked for again next time).
 */
@ApplicationScoped
public class MovieCatalog {

    private static final Logger LOG = Logger.getLogger(MovieCatalog.class);

    private final MovieClient client;
    private final CachedDetails<String> names;

    public MovieCatalog(MovieClient client, BookingMetrics metrics, BookingConfig config, Clock clock) {
        this.client = client;
        // a page of bookings names its movies all at once: each lookup is short and bounded by the client
        this.names = new CachedDetails<>(new CachedDetails.Source(MovieClient.SERVICE, "Movie", "shown without its name",
                LOG), client::name, Integer.MAX_VALUE, metrics, clock, config.movies().cacheTtl(),
                config.movies().cacheSize());
    }

    public boolean enabled() {
        return client.enabled();
    }

    /** Names of those of {@code movieIds} that are known; the others are absent from the map. */
    public Uni<Map<Long, String>> names(Collection<Long> movieIds) {
        if (!client.enabled()) {
            return Uni.createFrom().item(Map.of());
        }
        return names.get(movieIds);
    }
}
