package com.marquee.booking.integration.user;

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
 * Asks the User Service who a user is (whether they exist; their name and email for events). Bookings can
 * do without the answer, so the limits are tighter than the Theatre Service's: one quick retry, then
 * {@link com.marquee.booking.integration.UpstreamUnavailable} for the caller to shrug off.
 */
@ApplicationScoped
public class UserClient {

    public static final String SERVICE = "user";
    /** The cache of {@link #profile}: one entry per user, whether the booking check or an event asked. */
    public static final String CACHE = "user-profiles";
    private static final String NAME = "User Service";

    private final LazyRestClient<UserRestClient> rest;
    private final BookingMetrics metrics;
    private final boolean enabled;

    public UserClient(@RestClient Instance<UserRestClient> rest, BookingMetrics metrics) {
        this.rest = new LazyRestClient<>(rest);
        this.metrics = metrics;
        this.enabled = Upstream.configured("user-service");
    }

    /** False when no User Service URL is configured: every positive user id may book. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The user, with the name and email notifications need (booking events); empty if the User Service
     * answers 404: the user does not exist. Answers are cached ({@value #CACHE}: TTL and size in
     * application.properties), the "no such user" too; a failure (the service down) is not.
     */
    @CacheResult(cacheName = CACHE)
    @Timeout(value = 800, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, jitter = 25, maxDuration = 2000, retryOn = { UpstreamFailure.class,
            TimeoutException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Optional<UserProfile>> profile(long userId) {
        return Upstream.attempt(metrics, SERVICE, "GET /users/" + userId, rest.get().user(userId))
                .map(user -> Optional.of(new UserProfile(userId, user.email(), user.firstName(), user.lastName())))
                .onFailure(e -> Upstream.isStatus(e, 404)).recoverWithItem(Optional.empty());
    }

    Uni<Optional<UserProfile>> unavailable(long userId, Throwable cause) {
        return Uni.createFrom().failure(Upstream.unavailable(SERVICE, NAME, cause));
    }
}
