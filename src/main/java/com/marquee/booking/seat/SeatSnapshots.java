package com.marquee.booking.seat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Every showtime's seats as last loaded, shared by all seat reads and live streams of this instance: one
 * query per change burst per showtime, however many browsers poll or watch it.
 *
 * <p>
 * A snapshot is served while it is <em>fresh</em>: no change to its showtime was reported since its query
 * started, the store was not invalidated as a whole since then, and it is younger than the TTL (a safety net
 * for writes nobody reports). Changes are reported by {@link SeatChanges} right after a commit here, and by
 * the change listener within ~0.1 s of a commit on another instance. A read that finds no fresh snapshot
 * starts a query, or joins one that started after the last reported change: either way the answer reflects
 * every change reported before the read arrived. Expired holds need no report: snapshots keep expiry times
 * and every view filters by the time of the read.
 */
@ApplicationScoped
public class SeatSnapshots {

    /** While no change feed runs, another instance's commit must still show within about a second. */
    private static final long DEGRADED_TTL_NANOS = Duration.ofMillis(500).toNanos();

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong loadNumbers = new AtomicLong();
    private final Object trimLock = new Object();
    private final TakenSeatRepository repository;
    private final ChangeFeedHealth feed;
    private final SeatReadMetrics metrics;
    private final Clock clock;
    private final long ttlNanos;
    private final long idleNanos;
    private final int maxShowtimes;

    @Inject
    public SeatSnapshots(TakenSeatRepository repository, ChangeFeedHealth feed, SeatReadMetrics metrics,
            BookingConfig config, Clock clock) {
        this(repository, feed, metrics, config.seats().snapshotTtl(), config.seats().snapshotIdle(),
                config.seats().maxSnapshots(), clock);
    }

    SeatSnapshots(TakenSeatRepository repository, ChangeFeedHealth feed, SeatReadMetrics metrics, Duration ttl,
            Duration idle, int maxShowtimes, Clock clock) {
        this.repository = repository;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
        this.idleNanos = idle.toNanos();
        this.maxShowtimes = maxShowtimes;
        metrics.gauge("booking.seats.snapshots", "Showtimes whose seats this instance keeps in memory",
                entries::size);
    }

    /** The showtime's seats, from memory when fresh; null for a showtime that does not exist (never kept). */
    public Uni<SeatSnapshot> current(long showtimeId) {
        Entry entry = entries.get(showtimeId);
        if (entry == null) {
            entry = entries.computeIfAbsent(showtimeId, Entry::new);
            trimIfFull();
        }
        long now = System.nanoTime();
        entry.lastReadNanos = now;
        SeatSnapshot snapshot = entry.snapshot;
        if (snapshot != null && isFresh(entry, snapshot, now)) {
            return Uni.createFrom().item(snapshot);
        }
        Uni<SeatSnapshot> loaded = load(entry);
        // a shared query answers on the context of whoever started it: hop back to this request's
        Context caller = Vertx.currentContext();
        return caller == null ? loaded : loaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** A snapshot loaded after this call, whatever is in memory (what a periodic resync needs). */
    public Uni<SeatSnapshot> reload(long showtimeId) {
        changed(showtimeId);
        return current(showtimeId);
    }

    /** A change to the showtime's seats (or screen) was committed: its snapshot is stale from now on. */
    void changed(long showtimeId) {
        Entry entry = entries.get(showtimeId);
        if (entry != null) {
            entry.changes.incrementAndGet();
        }
    }

    /** Changes may have gone unreported (the change feed was down, or a test wrote behind the app's back). */
    public void invalidateAll() {
        epoch.incrementAndGet();
    }

    /** Drops showtimes nobody read or watched lately: memory follows what browsers look at now. */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdle() {
        long now = System.nanoTime();
        entries.values().removeIf(entry -> now - entry.lastReadNanos > idleNanos);
    }

    int size() {
        return entries.size();
    }

    private boolean isFresh(Entry entry, SeatSnapshot snapshot, long now) {
        long ttl = feed.listening() ? ttlNanos : Math.min(ttlNanos, DEGRADED_TTL_NANOS);
        return snapshot.changes() == entry.changes.get() && snapshot.epoch() == epoch.get()
                && now - snapshot.startedNanos() < ttl;
    }

    private Uni<SeatSnapshot> load(Entry entry) {
        synchronized (entry) {
            long changes = entry.changes.get();
            long currentEpoch = epoch.get();
            Load running = entry.loading;
            if (running != null && running.changes == changes && running.epoch == currentEpoch) {
                return running.result; // started after the last reported change: it answers this read too
            }
            long number = loadNumbers.incrementAndGet();
            long started = System.nanoTime();
            Load load = new Load(changes, currentEpoch);
            load.result = repository.screen(entry.showtimeId, clock.instant())
                    .map(screen -> screen == null ? null
                            : new SeatSnapshot(entry.showtimeId, screen.numRows(), screen.numCols(),
                                    List.copyOf(screen.taken()), number, changes, currentEpoch, started,
                                    new SeatSnapshot.Renders()))
                    .invoke(snapshot -> keep(entry, snapshot))
                    .onTermination().invoke(() -> finished(entry, load))
                    .memoize().indefinitely();
            entry.loading = load;
            metrics.snapshotLoaded();
            return load.result;
        }
    }

    private void keep(Entry entry, SeatSnapshot snapshot) {
        if (snapshot == null) {
            entries.remove(entry.showtimeId, entry); // unknown showtimes are not kept: ids are unbounded
            return;
        }
        synchronized (entry) {
            if (entry.snapshot == null || snapshot.loadNumber() > entry.snapshot.loadNumber()) {
                entry.snapshot = snapshot;
            }
        }
    }

    private static void finished(Entry entry, Load load) {
        synchronized (entry) {
            if (entry.loading == load) {
                entry.loading = null; // a failed load is not remembered: the next read tries again
            }
        }
    }

    /** Over the bound, drops the least recently read tenth at once, so the sort is rare. */
    private void trimIfFull() {
        if (entries.size() <= maxShowtimes) {
            return;
        }
        synchronized (trimLock) {
            int excess = entries.size() - maxShowtimes * 9 / 10;
            if (excess <= 0) {
                return;
            }
            List<Entry> byAge = new ArrayList<>(entries.values());
            byAge.sort(Comparator.comparingLong(entry -> entry.lastReadNanos));
            for (int i = 0; i < excess && i < byAge.size(); i++) {
                entries.remove(byAge.get(i).showtimeId, byAge.get(i));
            }
        }
    }

    private static final class Entry {
        final long showtimeId;
        final AtomicLong changes = new AtomicLong();
        volatile SeatSnapshot snapshot;
        volatile long lastReadNanos = System.nanoTime();
        Load loading; // guarded by this

        Entry(long showtimeId) {
            this.showtimeId = showtimeId;
        }
    }

    private static final class Load {
        final long changes;
        final long epoch;
        Uni<SeatSnapshot> result;

        Load(long changes, long epoch) {
            this.changes = changes;
            this.epoch = epoch;
        }
    }
}
