package com.marquee.booking.seat;

import java.util.Collection;

import jakarta.enterprise.event.Observes;

import com.marquee.booking.common.change.SeatsChanged;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one hook seat writers call: <b>after</b> a transaction that changed a showtime's seats (held, booked,
 * released, extended, expired) or its screen size has committed, call {@link #committed(long)} with that
 * showtime. This instance's next read then sees the change (its snapshot is invalidated before the call
 * returns), its live streams get the difference, and the other instances are told by one coalesced
 * {@code pg_notify} within {@code booking.seats.live.notify-delay}.
 *
 * <p>
 * Calling it before the commit is wrong (a read could cache the old seats as fresh); calling it for a
 * transaction that rolled back, or twice, only costs one extra query. Never blocks; any thread.
 */
@ApplicationScoped
public class SeatChanges {

    private final SeatSnapshots snapshots;
    private final LiveSeatMaps live;
    private final SeatChangeNotifier notifier;

    public SeatChanges(SeatSnapshots snapshots, LiveSeatMaps live, SeatChangeNotifier notifier) {
        this.snapshots = snapshots;
        this.live = live;
        this.notifier = notifier;
    }

    /** A local commit changed this showtime's seats or screen. */
    public void committed(long showtimeId) {
        apply(showtimeId);
        notifier.announce(showtimeId);
    }

    /** A local commit changed these showtimes' seats (the expiry sweep releases many at once). */
    public void committed(Collection<Long> showtimeIds) {
        showtimeIds.forEach(this::committed);
    }

    /** How writers report a commit without knowing who keeps seats in memory. */
    void onCommit(@Observes SeatsChanged changed) {
        committed(changed.showtimeIds());
    }

    /** Another instance committed a change to this showtime (learnt from its NOTIFY). */
    void committedElsewhere(long showtimeId) {
        apply(showtimeId);
    }

    /** Changes may have been missed (the listener reconnected, or someone announced "everything"). */
    void everythingMayHaveChanged() {
        snapshots.invalidateAll();
        live.refreshAll();
    }

    private void apply(long showtimeId) {
        snapshots.changed(showtimeId);
        live.changed(showtimeId);
    }
}
