package com.marquee.booking.integration.movie;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.logging.RateLimitedLog;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;

import io.smallrye.mutiny.Uni;

/**
 * Movie names for booking responses and events (the Movie Service's answers cached: {@link MovieClient#name}).
 * Never fails: a name the Movie Service cannot give right now is simply left out, and asked for again next
 * time.
 */
@ApplicationScoped
public class MovieCatalog {

    private static final Logger LOG = Logger.getLogger(MovieCatalog.class);

    private final MovieClient client;
    private final BookingMetrics metrics;
    private final RateLimitedLog misses = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public MovieCatalog(MovieClient client, BookingMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public boolean enabled() {
        return client.enabled();
    }

    /** Names of those of {@code movieIds} that are known; the others are absent from the map. */
    public Uni<Map<Long, String>> names(Collection<Long> movieIds) {
        Map<Long, String> known = new ConcurrentHashMap<>();
        if (!client.enabled() || movieIds.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        // HTTP only (mostly cache hits), no database session involved: the lookups may run side by side
        List<Uni<Void>> lookups = movieIds.stream().distinct()
                .map(id -> name(id).invoke(name -> name.ifPresent(n -> known.put(id, n))).replaceWithVoid())
                .toList();
        return Upstream.onCallerContext(Uni.join().all(lookups).andFailFast()).map(ignored -> known);
    }

    private Uni<Optional<String>> name(long movieId) {
        return client.name(movieId).onFailure().recoverWithItem(e -> {
            metrics.upstreamDegraded(MovieClient.SERVICE, "no_details");
            misses.warn("Movie " + movieId + " shown without its name: " + e.getMessage());
            return Optional.empty();
        });
    }
}
