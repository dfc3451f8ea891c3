package com.marquee.booking.integration.theatre;

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

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Reads showtimes (with their screen's size) from the Theatre Service, and reads and adjusts its per-showtime
 * seat counter (the seat-counter sync, README: Theatre seat counter). A dead or slow Theatre Service
 * costs at most a few short attempts, and once the circuit opens nothing at all: callers get
 * {@link com.marquee.booking.integration.UpstreamUnavailable} in microseconds. A showtime the Theatre
 * Service does not know is {@link TheatreShowtimeUnknown}, which is an answer, not a failure: never retried,
 * never counted against the circuit.
 *
 * <p>Every limit below can be tuned without a rebuild, e.g.
 * {@code quarkus.fault-tolerance."com.marquee.booking.integration.theatre.TheatreClient/showtime".timeout.value=500}.
 */
@ApplicationScoped
public class TheatreClient {

    public static final String SERVICE = "theatre";
    private static final String NAME = "Theatre Service";

    private final LazyRestClient<TheatreRestClient> rest;
    private final BookingMetrics metrics;
    private final boolean enabled;

    public TheatreClient(@RestClient Instance<TheatreRestClient> rest, BookingMetrics metrics) {
        this.rest = new LazyRestClient<>(rest);
        this.metrics = metrics;
        this.enabled = Upstream.configured("theatre-service");
    }

    /** False when no Theatre Service URL is configured: the local showtimes table is then the source of truth. */
    public boolean enabled() {
        return enabled;
    }

    @Timeout(value = 1000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, maxDuration = 2500, retryOn = { UpstreamFailure.class,
            TimeoutException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            skipOn = TheatreShowtimeUnknown.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = TheatreShowtimeUnknown.class)
    public Uni<TheatreShowtime> showtime(long id) {
        return Upstream.attempt(metrics, SERVICE, "GET /showtimes/" + id, rest.get().showtime(id))
                .onFailure(e -> Upstream.isStatus(e, 404)).transform(e -> new TheatreShowtimeUnknown(id))
                .chain(showtime -> {
                    if (showtime.screenId() == null) {
                        throw new UpstreamFailure("Theatre Service showtime " + id + " has no screen_id");
                    }
                    return Upstream.attempt(metrics, SERVICE, "GET /screens/" + showtime.screenId(),
                            rest.get().screen(showtime.screenId()))
                            // a showtime on a screen the Theatre Service does not know is its inconsistency
                            .onFailure(e -> Upstream.isStatus(e, 404))
                            .transform(e -> new UpstreamFailure("Theatre Service screen " + showtime.screenId()
                                    + " of showtime " + id + " does not exist", e))
                            .map(screen -> TheatreShowtime.of(id, showtime, screen));
                });
    }

    /**
     * The showtime's {@code seats_booked} at the Theatre Service; empty if it does not know the showtime. A read:
     * retried, and on a circuit of its own, so the seat-counter sync never stops bookings.
     */
    @Timeout(value = 1000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, maxDuration = 2500, retryOn = { UpstreamFailure.class,
            TimeoutException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    public Uni<Optional<Integer>> seatsBooked(long showtimeId) {
        return Upstream.attempt(metrics, SERVICE, "GET /showtimes/" + showtimeId, rest.get().showtime(showtimeId))
                .map(showtime -> {
                    if (showtime.seatsBooked() == null) {
                        throw new UpstreamFailure("Theatre Service showtime " + showtimeId + " has no seats_booked");
                    }
                    return Optional.of(showtime.seatsBooked());
                })
                .onFailure(e -> Upstream.isStatus(e, 404)).recoverWithItem(Optional.empty());
    }

    /**
     * Adds {@code count} (may be negative) to the showtime's {@code seats_booked}: a bare delta, not
     * idempotent, so never retried here. A failure means its outcome is unknown (the Theatre Service may have
     * applied it before the answer was lost): read the counter again before any other change, never send the
     * same delta again.
     */
    @Timeout(value = 1000, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    public Uni<Void> addSeats(long showtimeId, int count) {
        return Upstream.attempt(metrics, SERVICE, "POST /showtimes/" + showtimeId + "/seats",
                rest.get().addSeats(showtimeId, new SeatCountChange(count)));
    }

    Uni<TheatreShowtime> unavailable(long id, Throwable cause) {
        return Uni.createFrom().failure(Upstream.unavailable(SERVICE, NAME, cause));
    }
}
