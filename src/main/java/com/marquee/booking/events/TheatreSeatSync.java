package com.marquee.booking.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.common.logging.RateLimitedLog;
import com.marquee.booking.integration.theatre.TheatreClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the Theatre Service's {@code seats_booked} of each showtime equal to ours ({@code showtimes.seats_booked},
 * the active held and booked seats), driven by the outbox: an event with a showtime marks it for a reconcile.
 *
 * <p>The Theatre Service only offers a bare delta ({@code POST /showtimes/{id}/seats {"count": n}}), so a
 * retried or replayed delta would count twice. We never replay one: each round reconciles to a target.
 * It reads our count and the events that count covers in one snapshot, reads the Theatre Service's current
 * value, sends {@code ours - theirs} if it differs, and only then marks those events accounted for. A delta
 * whose answer was lost (timeout, reset, 5xx) is not sent again: the showtime pauses for
 * {@code booking.theatre.sync-settle} and the next round starts from a fresh read, which sees whether it
 * was applied. One instance reconciles a showtime at a time (a lease in {@code theatre_seat_sync}).
 *
 * <p>Limits (README: Theatre seat counter): a change someone else makes to the Theatre counter between our
 * read and our delta is kept on top of ours until our next round for that showtime; a lost delta that the
 * Theatre Service applies later than the settle pause would be counted again.
 */
@ApplicationScoped
public class TheatreSeatSync {

    private static final Logger LOG = Logger.getLogger(TheatreSeatSync.class);

    private final TheatreSyncRepository repository;
    private final TheatreClient theatre;
    private final EventMetrics metrics;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final Duration settle;
    private final Duration lease;
    private final String owner = "theatre-sync-" + UUID.randomUUID();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public TheatreSeatSync(TheatreSyncRepository repository, TheatreClient theatre, EventMetrics metrics,
            BookingConfig config, Clock clock) {
        this.repository = repository;
        this.theatre = theatre;
        this.metrics = metrics;
        this.clock = clock;
        this.enabled = config.theatre().syncSeats() && theatre.enabled();
        this.batchSize = config.theatre().syncBatchSize();
        this.settle = config.theatre().syncSettle();
        this.lease = config.theatre().syncLease();
    }

    /** On with {@code booking.theatre.sync-seats=true} and a Theatre Service URL. */
    public boolean enabled() {
        return enabled;
    }

    /** Reconciles up to a batch of marked showtimes, one after the other; returns how many were settled. */
    public Uni<Integer> syncMarked() {
        if (!enabled) {
            return Uni.createFrom().item(0);
        }
        return repository.claim(batchSize, lease, owner).chain(showtimes -> {
            Instant deadline = clock.instant().plus(lease).minus(Duration.ofSeconds(5));
            return Multi.createFrom().iterable(showtimes)
                    .onItem().transformToUniAndConcatenate(id -> reconcile(id, deadline))
                    .collect().with(Collectors.summingInt(settled -> settled ? 1 : 0));
        });
    }

    /** One round for one showtime; true if the Theatre Service now agrees with us. Never fails. */
    private Uni<Boolean> reconcile(long showtimeId, Instant leaseDeadline) {
        return repository.snapshot(showtimeId).chain(snapshot -> {
            if (snapshot.eventIds().isEmpty()) {
                return settled(showtimeId, snapshot.eventIds(), null, "nothing pending", "unchanged");
            }
            if (snapshot.seatsBooked() == null) {
                return settled(showtimeId, snapshot.eventIds(), null, "showtime not stored here", "unknown_showtime");
            }
            int target = snapshot.seatsBooked();
            return Upstream.onCallerContext(theatre.seatsBooked(showtimeId)).onItemOrFailure().transformToUni(
                    (current, readFailure) -> {
                        if (readFailure != null) {
                            return failed(showtimeId, "reading the Theatre counter failed: " + readFailure, "failed");
                        }
                        if (current.isEmpty()) {
                            return settled(showtimeId, snapshot.eventIds(), null, "not known to the Theatre Service",
                                    "unknown_showtime");
                        }
                        int delta = target - current.get();
                        if (delta == 0) {
                            return settled(showtimeId, snapshot.eventIds(), target, null, "unchanged");
                        }
                        if (clock.instant().isAfter(leaseDeadline)) {
                            // another instance may own the showtime by now: leave the change to a fresh round
                            return failed(showtimeId, "lease ran short before the update", "failed");
                        }
                        return Upstream.onCallerContext(theatre.addSeats(showtimeId, delta)).onItemOrFailure()
                                .transformToUni((ignored, addFailure) -> addFailure == null
                                        ? settled(showtimeId, snapshot.eventIds(), target, null, "adjusted")
                                        : failed(showtimeId, "update of " + delta
                                                + " has an unknown outcome (re-read before any other): " + addFailure,
                                                "unknown"));
                    });
        }).onFailure().recoverWithUni(e -> failed(showtimeId, "sync round failed: " + e, "failed"));
    }

    private Uni<Boolean> settled(long showtimeId, List<UUID> eventIds, Integer theatreCount, String note,
            String outcome) {
        metrics.theatreSync(outcome);
        return repository.succeeded(showtimeId, eventIds, theatreCount, note).replaceWith(true);
    }

    private Uni<Boolean> failed(long showtimeId, String error, String outcome) {
        metrics.theatreSync(outcome);
        String message = "Theatre seat counter of showtime " + showtimeId + " not reconciled: " + error
                + "; next round in " + settle.toSeconds() + " s";
        warnings.warn(message);
        return repository.failed(showtimeId, settle, error).onFailure().recoverWithNull().replaceWith(false);
    }
}
