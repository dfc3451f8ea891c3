package com.marquee.booking.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.jboss.logging.Logger;

import com.marquee.booking.common.metrics.BookingMetrics;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Details an upstream service gives about ids (a movie's name, a user's profile), kept in memory for a TTL.
 * Never fails: a detail the service cannot give right now is left out (counted, and logged at most once a
 * minute) and asked for again next time; an id the service does not know is remembered as unknown for the
 * TTL. The cache starts over when it is full.
 *
 * @param <V> the detail
 */
public final class CachedDetails<V> {

    /** A detail, or {@code null} for an id the service does not know. */
    private record Cached<V>(V value, Instant expires) {
    }

    /** What is looked up and where, and what a miss costs, for the log and the metrics. */
    public record Source(String service, String subject, String whenMissing, Logger log) {
    }

    private final Source source;
    private final LongFunction<Uni<Optional<V>>> fetch;
    private final int concurrency;
    private final BookingMetrics metrics;
    private final Clock clock;
    private final Duration ttl;
    private final int maxSize;
    private final Map<Long, Cached<V>> cache = new ConcurrentHashMap<>();
    private final WarnLimiter warnings = new WarnLimiter(Duration.ofMinutes(1));

    /**
     * @param fetch asks the service; empty when it does not know the id, a failure when it cannot answer
     * @param concurrency lookups in flight at once
     */
    public CachedDetails(Source source, LongFunction<Uni<Optional<V>>> fetch, int concurrency, BookingMetrics metrics,
            Clock clock, Duration ttl, int maxSize) {
        this.source = source;
        this.fetch = fetch;
        this.concurrency = concurrency;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = ttl;
        this.maxSize = maxSize;
    }

    /** The details of those of {@code ids} that are known; the others are absent from the map. */
    public Uni<Map<Long, V>> get(Collection<Long> ids) {
        Map<Long, V> known = new ConcurrentHashMap<>();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        Instant now = clock.instant();
        Uni<Map<Long, V>> all = Multi.createFrom().iterable(ids.stream().distinct().toList())
                .onItem().transformToUni(id -> {
                    Cached<V> cached = cache.get(id);
                    Uni<Optional<V>> detail = cached != null && cached.expires().isAfter(now)
                            ? Uni.createFrom().item(Optional.ofNullable(cached.value()))
                            : fetch(id, now);
                    return detail.invoke(found -> found.ifPresent(value -> known.put(id, value)));
                }).merge(concurrency)
                .collect().last()
                .map(ignored -> known);
        // HTTP only, no database session involved: the lookups may run side by side
        return Upstream.onCallerContext(all);
    }

    private Uni<Optional<V>> fetch(long id, Instant now) {
        return fetch.apply(id)
                .invoke(detail -> {
                    if (cache.size() >= maxSize) {
                        cache.clear();
                    }
                    cache.put(id, new Cached<>(detail.orElse(null), now.plus(ttl)));
                })
                .onFailure().recoverWithItem(e -> {
                    metrics.upstreamDegraded(source.service(), "no_details");
                    String message = source.subject() + " " + id + " " + source.whenMissing() + ": " + e.getMessage();
                    if (warnings.allow(now)) {
                        source.log().warn(message + " (further misses are logged at DEBUG for a minute)");
                    } else {
                        source.log().debug(message);
                    }
                    return Optional.empty();
                });
    }
}
