package com.marquee.booking.integration.movie;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.WarnLimiter;

import io.smallrye.mutiny.Uni;

/**
 * Movie names for booking responses, kept in memory for {@code booking.movies.cache-ttl}. Never fails:
 * a name the Movie Service cannot give right now is simply left out (and asked for again next time).
 */
@ApplicationScoped
public class MovieCatalog {

    private static final Logger LOG = Logger.getLogger(MovieCatalog.class);

    /** A name, or {@code null} for a movie the Movie Service does not know. */
    private record Cached(String name, Instant expires) {
    }

    private final MovieClient client;
    private final BookingMetrics metrics;
    private final Clock clock;
    private final Duration ttl;
    private final int maxSize;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final WarnLimiter warnings = new WarnLimiter(Duration.ofMinutes(1));

    public MovieCatalog(MovieClient client, BookingMetrics metrics, BookingConfig config, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = config.movies().cacheTtl();
        this.maxSize = config.movies().cacheSize();
    }

    public boolean enabled() {
        return client.enabled();
    }

    /** Names of those of {@code movieIds} that are known; the others are absent from the map. */
    public Uni<Map<Long, String>> names(Collection<Long> movieIds) {
        if (!client.enabled() || movieIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Instant now = clock.instant();
        Map<Long, String> known = new HashMap<>();
        List<Uni<Void>> lookups = new ArrayList<>();
        for (Long id : movieIds.stream().distinct().toList()) {
            Cached cached = cache.get(id);
            if (cached != null && cached.expires().isAfter(now)) {
                if (cached.name() != null) {
                    known.put(id, cached.name());
                }
                continue;
            }
            lookups.add(fetch(id, now).invoke(name -> name.ifPresent(n -> {
                synchronized (known) {
                    known.put(id, n);
                }
            })).replaceWithVoid());
        }
        if (lookups.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        // HTTP only, no database session involved: the lookups may run side by side
        return Upstream.onCallerContext(Uni.join().all(lookups).andFailFast()).map(ignored -> known);
    }

    private Uni<Optional<String>> fetch(long movieId, Instant now) {
        return client.name(movieId)
                .invoke(name -> {
                    if (cache.size() >= maxSize) {
                        cache.clear();
                    }
                    cache.put(movieId, new Cached(name.orElse(null), now.plus(ttl)));
                })
                .onFailure().recoverWithItem(e -> {
                    metrics.upstreamDegraded(MovieClient.SERVICE, "no_details");
                    String message = "Movie " + movieId + " shown without its name: " + e.getMessage();
                    if (warnings.allow(now)) {
                        LOG.warn(message + " (further misses are logged at DEBUG for a minute)");
                    } else {
                        LOG.debug(message);
                    }
                    return Optional.empty();
                });
    }
}
