package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.seat.Seat;
import com.marquee.booking.seat.SeatSnapshots;
import com.marquee.booking.seat.SeatsUnavailable;
import com.marquee.booking.seat.TakenSeatRepository.TakenSeat;

import io.smallrye.mutiny.Uni;

/**
 * Answers the losers of a contended showtime (a flash sale) from memory instead of the showtime's row lock.
 * Every hold takes that lock first, so when hundreds of clients go for the last seats, each loser would queue
 * for it only to learn its seats are gone. Once a hold on a showtime has been refused, the showtime counts as
 * contended for a short while, and holds on it first look at the shared seat snapshot (one unlocked query per
 * change, however many requests ask): a seat it shows taken is refused at once. Uncontended showtimes pay
 * nothing. The snapshot can only be wrong the safe way: a seat released a moment ago elsewhere may still show
 * taken (a refusal the client can retry), never a taken seat as free (the locked path decides those).
 */
@ApplicationScoped
class HoldContention {

    /** How long a showtime counts as contended after a refused hold. */
    static final Duration HOT = Duration.ofSeconds(2);
    /** Contended showtimes remembered at most (a flash sale is one or a few). */
    private static final int MAX_TRACKED = 1_000;

    private final Map<Long, Instant> hotUntil = new ConcurrentHashMap<>();
    private final SeatSnapshots snapshots;
    private final Clock clock;

    HoldContention(SeatSnapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** Fails with {@link SeatsUnavailable} when a contended showtime's snapshot shows a requested seat taken. */
    Uni<Void> refuseKnownLosers(long showtimeId, List<Seat> requested) {
        Instant until = hotUntil.get(showtimeId);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return snapshots.current(showtimeId).map(snapshot -> {
            if (snapshot != null) {
                List<TakenSeat> live = snapshot.takenAt(clock.instant());
                List<Seat> taken = requested.stream()
                        .filter(seat -> live.stream().anyMatch(t -> seat.sameSeat(t.row(), t.col()))).toList();
                if (!taken.isEmpty()) {
                    throw new SeatsUnavailable(taken);
                }
            }
            return null;
        });
    }

    /** A hold on this showtime was refused: its next holds check the snapshot first. */
    void refused(long showtimeId) {
        if (hotUntil.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            hotUntil.values().removeIf(until -> !until.isAfter(now));
            if (hotUntil.size() >= MAX_TRACKED) {
                hotUntil.clear();
            }
        }
        hotUntil.put(showtimeId, clock.instant().plus(HOT));
    }
}
