package com.marquee.booking.seat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import com.marquee.booking.seat.TakenSeatRepository.TakenSeat;

/**
 * One load of a showtime's screen and taken seats, shared by every reader of this instance until a change
 * makes it stale. Holds keep their expiry time, so a hold that ran out after the load counts as free without
 * another query: every view asks {@link #takenAt} with the current time.
 *
 * @param loadNumber orders loads of one showtime: a slow older load never replaces a newer one
 * @param changes the showtime's change count when the load started (see {@link SeatSnapshots})
 * @param epoch the store's epoch when the load started; a bumped epoch invalidates every snapshot
 * @param startedNanos {@link System#nanoTime()} when the query was sent: the snapshot's age
 */
public record SeatSnapshot(long showtimeId, int numRows, int numCols, List<TakenSeat> taken, long loadNumber,
        long changes, long epoch, long startedNanos, Renders renders) {

    /** Views of one snapshot rendered once and reused until a hold in them runs out. */
    public static final class Renders {
        // every poll of a showtime reads here, from every event loop: no lock on the way
        private final AtomicReferenceArray<RenderedSeats> byView = new AtomicReferenceArray<>(
                RenderedSeats.View.values().length);

        RenderedSeats get(RenderedSeats.View view, Instant now, Supplier<RenderedSeats> render) {
            RenderedSeats cached = byView.get(view.ordinal());
            if (cached != null && now.isBefore(cached.validUntil())) {
                return cached;
            }
            RenderedSeats fresh = render.get(); // two readers may both render: the same bytes, one is kept
            byView.set(view.ordinal(), fresh);
            return fresh;
        }
    }

    /** The seats taken at {@code now}: booked, or held by a hold that has not run out. */
    public List<TakenSeat> takenAt(Instant now) {
        List<TakenSeat> live = new ArrayList<>(taken.size());
        for (TakenSeat seat : taken) {
            if (isTakenAt(seat, now)) {
                live.add(seat);
            }
        }
        return live;
    }

    /** When the next hold still running at {@code now} runs out: until then the views at {@code now} hold. */
    public Instant nextExpiryAfter(Instant now) {
        Instant next = Instant.MAX;
        for (TakenSeat seat : taken) {
            Instant expiry = seat.holdExpiryTime();
            if (seat.status() == SeatStatus.ON_HOLD && expiry != null && expiry.isAfter(now) && expiry.isBefore(next)) {
                next = expiry;
            }
        }
        return next;
    }

    static boolean isTakenAt(TakenSeat seat, Instant now) {
        return seat.status() == SeatStatus.BOOKED
                || seat.status() == SeatStatus.ON_HOLD && seat.holdExpiryTime() != null
                        && seat.holdExpiryTime().isAfter(now);
    }
}
