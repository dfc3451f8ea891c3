package com.marquee.booking.integration.movie;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.LazyRestClient;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.UpstreamFailure;

import io.quarkus.cache.CacheResult;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Reads movie names from the Movie Service. A name is a nicety on a booking, so the budget is the
 * smallest of the three upstreams: a slow Movie Service may not hold a booking response up for long.
 */
@ApplicationScoped
public class MovieClient {

    public static final String SERVICE = "movie";
    public static final String CACHE = "movie-names";
    private static final String NAME = "Movie Service";

    private final LazyRestClient<MovieRestClient> rest;
    private final BookingMetrics metrics;
    private final boolean enabled;

    public MovieClient(@RestClient Instance<MovieRestClient> rest, BookingMetrics metrics) {
        this.rest = new LazyRestClient<>(rest);
        this.metrics = metrics;
        this.enabled = Upstream.configured("movie-service");
    }

    /** False when no Movie Service URL is configured: bookings then carry no {@code movie}. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The movie's name; empty if the Movie Service does not know the movie (or it has no name). Answers are
     * cached ({@value #CACHE}), "unknown" too; a failure is not, so the next request asks again.
     */
    @CacheResult(cacheName = CACHE)
    @Timeout(value = 500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, jitter = 25, maxDuration = 1200, retryOn = { UpstreamFailure.class,
            TimeoutException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Optional<String>> name(long movieId) {
        return Upstream.attempt(metrics, SERVICE, "GET /movies/" + movieId, rest.get().movie(movieId))
                .map(movie -> Optional.ofNullable(movie.name()).filter(name -> !name.isBlank()))
                .onFailure(e -> Upstream.isStatus(e, 404)).recoverWithItem(Optional.empty());
    }

    Uni<Optional<String>> unavailable(long movieId, Throwable cause) {
        return Uni.createFrom().failure(Upstream.unavailable(SERVICE, NAME, cause));
    }
}
