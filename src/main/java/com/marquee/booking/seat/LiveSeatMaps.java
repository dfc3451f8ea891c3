package com.marquee.booking.seat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.seat.TakenSeatRepository.TakenSeat;
import com.marquee.booking.seat.TheatreUiSeatsResource.ActiveSeats;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * The live seat maps of this instance: per watched showtime, what its subscribers were last told and the
 * streams to tell the next difference. A subscriber gets a {@code snapshot} event (the Theatre UI's seat
 * list), then a {@code change} event per difference: seats now on hold or booked, and seats
 * {@code released} (cancelled, expired, refunded). Event ids grow through the life of the instance, so a
 * client can order what it got.
 *
 * <p>
 * A watched showtime is read again (one shared {@link SeatSnapshots} query) when a change is reported here
 * or by another instance, when a hold in it runs out (a timer at the known expiry time: an expiry writes
 * nothing, so nothing would be reported), and when it has not been read for
 * {@code booking.seats.live.resync-interval} (writes made behind the service's back). Refreshes of one
 * showtime never overlap; reports arriving during one cause exactly one more.
 */
@ApplicationScoped
public class LiveSeatMaps {

    private static final Logger LOG = Logger.getLogger(LiveSeatMaps.class);
    /** Events a slow client may fall behind by before its stream is ended; it reconnects to a fresh snapshot. */
    static final int BUFFERED_EVENTS = 256;
    /** How long a reserved slot waits for its stream to start before it is given back. */
    private static final long UNUSED_SLOT_MILLIS = 10_000;
    /** EventSource clients wait this long before reconnecting after the stream ends. */
    private static final long RECONNECT_DELAY_MILLIS = 2_000;

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong eventIds = new AtomicLong();
    private final SeatSnapshots snapshots;
    private final ObjectMapper json;
    private final Clock clock;
    private final Vertx vertx;
    private final int maxSubscribers;
    private final Duration heartbeat;
    private final long resyncNanos;
    private final Duration retryAfter;
    private long heartbeatTimer = -1;
    private long resyncTimer = -1;
    private volatile boolean closing;

    public LiveSeatMaps(SeatSnapshots snapshots, ObjectMapper json, Clock clock, Vertx vertx, BookingConfig config,
            SeatReadMetrics metrics) {
        this.snapshots = snapshots;
        this.json = json;
        this.clock = clock;
        this.vertx = vertx;
        this.maxSubscribers = config.seats().live().maxSubscribers();
        this.heartbeat = config.seats().live().heartbeat();
        this.resyncNanos = config.seats().live().resyncInterval().toNanos();
        this.retryAfter = config.seats().live().retryAfter();
        metrics.gauge("booking.seats.stream.subscribers", "Live seat-map streams open on this instance",
                subscribers::get);
    }

    void start(@Observes StartupEvent event) {
        heartbeatTimer = vertx.setPeriodic(Math.max(100, heartbeat.toMillis()), timer -> heartbeats());
        long resyncCheck = Math.max(100, Duration.ofNanos(resyncNanos).toMillis() / 4);
        resyncTimer = vertx.setPeriodic(resyncCheck, timer -> resyncQuietOnes());
    }

    /**
     * Ends every stream as shutdown begins, before the HTTP layer waits for open requests: a stream never ends by
     * itself, so it would hold every restart for the whole {@code quarkus.shutdown.timeout}. Clients reconnect,
     * to another instance.
     */
    void endStreams(@Observes ShutdownDelayInitiatedEvent event) {
        closing = true; // and take no new ones: they would hold the shutdown again (503, try another instance)
        for (Watch watch : watches.values()) {
            watch.subscribers.forEach(subscriber -> subscriber.emitter.complete());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(resyncTimer);
        endStreams(null);
    }

    /** Room for one more stream, or null when this instance serves as many as it may. */
    StreamSlot reserve() {
        if (closing) {
            return null;
        }
        if (subscribers.incrementAndGet() > maxSubscribers) {
            subscribers.decrementAndGet();
            return null;
        }
        StreamSlot slot = new StreamSlot();
        vertx.setTimer(UNUSED_SLOT_MILLIS, timer -> slot.giveBackUnused());
        return slot;
    }

    StreamLimitReached limitReached() {
        return new StreamLimitReached(retryAfter);
    }

    boolean full() {
        return closing || subscribers.get() >= maxSubscribers;
    }

    /** The events of one subscriber: the snapshot, then every difference, until the client goes away. */
    Multi<OutboundSseEvent> stream(long showtimeId, StreamSlot slot, Sse sse) {
        return Multi.createFrom().<OutboundSseEvent> emitter(emitter -> {
            if (!slot.use()) {
                emitter.complete();
                return;
            }
            Subscriber subscriber = new Subscriber(emitter, sse);
            emitter.onTermination(() -> leave(showtimeId, subscriber, slot));
            snapshots.current(showtimeId).subscribe().with(snapshot -> {
                if (snapshot == null) {
                    emitter.complete(); // the showtime vanished since the request was admitted
                } else {
                    join(showtimeId, subscriber, snapshot);
                }
            }, failure -> {
                LOG.debugf("Live seat map of showtime %d could not start: %s", showtimeId, failure);
                emitter.complete(); // the client reconnects after the retry delay
            });
        }, BUFFERED_EVENTS).onFailure(BackPressureFailure.class).recoverWithCompletion();
    }

    /** A change to the showtime was reported (its snapshot is already invalidated). */
    void changed(long showtimeId) {
        Watch watch = watches.get(showtimeId);
        if (watch != null) {
            refresh(watch, false);
        }
    }

    /** Every snapshot was invalidated: read every watched showtime again. */
    void refreshAll() {
        watches.values().forEach(watch -> refresh(watch, false));
    }

    private void join(long showtimeId, Subscriber subscriber, SeatSnapshot snapshot) {
        while (true) {
            Watch watch = watches.computeIfAbsent(showtimeId, Watch::new);
            boolean first;
            synchronized (watch) {
                if (watch.closed) {
                    continue; // its last subscriber left meanwhile: start a new one
                }
                first = watch.published == null;
                if (first) {
                    Instant now = clock.instant();
                    watch.published = bySeat(snapshot.takenAt(now));
                    watch.basis = snapshot;
                    watch.version = eventIds.incrementAndGet();
                    watch.lastRefreshNanos = System.nanoTime();
                    scheduleExpiry(watch, snapshot, now);
                }
                // under the lock: a change computed after this snapshot reaches this subscriber after it
                subscriber.send(snapshotEvent(subscriber.sse, watch));
                watch.subscribers.add(subscriber);
            }
            if (first) {
                refresh(watch, false); // a change reported between the snapshot's load and now
            }
            return;
        }
    }

    private void leave(long showtimeId, Subscriber subscriber, StreamSlot slot) {
        Watch watch = watches.get(showtimeId);
        if (watch != null) {
            synchronized (watch) {
                watch.subscribers.remove(subscriber);
                if (watch.subscribers.isEmpty()) {
                    watch.closed = true;
                    cancelExpiry(watch);
                    watches.remove(showtimeId, watch);
                }
            }
        }
        slot.release();
    }

    private void refresh(Watch watch, boolean reload) {
        synchronized (watch) {
            if (watch.closed) {
                return;
            }
            if (watch.refreshing) {
                watch.again = true;
                watch.againReload |= reload;
                return;
            }
            watch.refreshing = true;
        }
        Uni<SeatSnapshot> snapshot = reload ? snapshots.reload(watch.showtimeId) : snapshots.current(watch.showtimeId);
        snapshot.subscribe().with(loaded -> {
            publish(watch, loaded);
            settle(watch);
        }, failure -> {
            LOG.debugf("Live seat map of showtime %d not refreshed: %s", watch.showtimeId, failure);
            settle(watch); // the resync tries again
        });
    }

    private void settle(Watch watch) {
        boolean reload;
        synchronized (watch) {
            watch.refreshing = false;
            watch.lastRefreshNanos = System.nanoTime();
            if (!watch.again || watch.closed) {
                return;
            }
            reload = watch.againReload;
            watch.again = false;
            watch.againReload = false;
        }
        refresh(watch, reload);
    }

    private void publish(Watch watch, SeatSnapshot snapshot) {
        synchronized (watch) {
            if (watch.closed || watch.published == null) {
                return;
            }
            if (snapshot == null) { // the showtime is gone: nothing more will change
                watch.subscribers.forEach(subscriber -> subscriber.emitter.complete());
                return;
            }
            if (snapshot.loadNumber() < watch.basis.loadNumber()) {
                return; // older than what the subscribers were told
            }
            Instant now = clock.instant();
            NavigableMap<Integer, ActiveSeat> next = bySeat(snapshot.takenAt(now));
            List<ActiveSeat> difference = difference(watch.published, next);
            watch.basis = snapshot;
            if (!difference.isEmpty()) {
                watch.published = next;
                watch.version = eventIds.incrementAndGet();
                String data = render(new ActiveSeats(difference));
                for (Subscriber subscriber : watch.subscribers) {
                    subscriber.send(subscriber.sse.newEventBuilder().name("change").id(Long.toString(watch.version))
                            .data(String.class, data).build());
                }
            }
            scheduleExpiry(watch, snapshot, now);
        }
    }

    /** Seats whose status or booking changed, and seats no longer taken (as {@code released}), by row and column. */
    static List<ActiveSeat> difference(NavigableMap<Integer, ActiveSeat> before, NavigableMap<Integer, ActiveSeat> after) {
        TreeMap<Integer, ActiveSeat> changed = new TreeMap<>();
        after.forEach((key, seat) -> {
            if (!seat.equals(before.get(key))) {
                changed.put(key, seat);
            }
        });
        before.forEach((key, seat) -> {
            if (!after.containsKey(key)) {
                changed.put(key, new ActiveSeat(seat.row(), seat.col(), SeatStatus.RELEASED.wire(), seat.bookingId()));
            }
        });
        return new ArrayList<>(changed.values());
    }

    private static NavigableMap<Integer, ActiveSeat> bySeat(List<TakenSeat> taken) {
        NavigableMap<Integer, ActiveSeat> seats = new TreeMap<>();
        for (ActiveSeat seat : SeatMapService.activeSeats(taken).seats()) {
            seats.put(seat.row() * 1000 + seat.col(), seat);
        }
        return seats;
    }

    /** A hold that runs out writes nothing: wake up when the next one does and tell the subscribers. */
    private void scheduleExpiry(Watch watch, SeatSnapshot snapshot, Instant now) {
        Instant next = snapshot.nextExpiryAfter(now);
        if (next.equals(watch.expiryAt)) {
            return;
        }
        cancelExpiry(watch);
        if (next.equals(Instant.MAX)) {
            return;
        }
        long delay = Math.max(1, Duration.between(now, next).toMillis() + 1); // at the expiry the hold is over
        watch.expiryAt = next;
        watch.expiryTimer = vertx.setTimer(delay, timer -> {
            synchronized (watch) {
                watch.expiryTimer = -1;
                watch.expiryAt = null;
            }
            refresh(watch, false);
        });
    }

    private void cancelExpiry(Watch watch) {
        if (watch.expiryTimer >= 0) {
            vertx.cancelTimer(watch.expiryTimer);
        }
        watch.expiryTimer = -1;
        watch.expiryAt = null;
    }

    private void heartbeats() {
        for (Watch watch : watches.values()) {
            for (Subscriber subscriber : watch.subscribers) {
                subscriber.send(subscriber.sse.newEventBuilder().comment("heartbeat").build());
            }
        }
    }

    private void resyncQuietOnes() {
        long now = System.nanoTime();
        for (Watch watch : watches.values()) {
            if (now - watch.lastRefreshNanos >= resyncNanos) {
                refresh(watch, true);
            }
        }
    }

    private OutboundSseEvent snapshotEvent(Sse sse, Watch watch) {
        // data is JSON already rendered: no media type, or Quarkus would also write a non-standard
        // "content-type:" line into every event
        return sse.newEventBuilder().name("snapshot").id(Long.toString(watch.version))
                .reconnectDelay(RECONNECT_DELAY_MILLIS)
                .data(String.class, render(new ActiveSeats(new ArrayList<>(watch.published.values())))).build();
    }

    private String render(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("seat views are plain records", e);
        }
    }

    /** One open stream's place in the per-instance bound: taken by the request, given back exactly once. */
    final class StreamSlot {
        private static final int RESERVED = 0;
        private static final int IN_USE = 1;
        private static final int RETURNED = 2;
        private final AtomicInteger state = new AtomicInteger(RESERVED);

        boolean use() {
            return state.compareAndSet(RESERVED, IN_USE);
        }

        void release() {
            if (state.getAndSet(RETURNED) != RETURNED) {
                subscribers.decrementAndGet();
            }
        }

        /** The stream never started (the client left before the headers went out): no leak. */
        void giveBackUnused() {
            if (state.compareAndSet(RESERVED, RETURNED)) {
                subscribers.decrementAndGet();
            }
        }
    }

    private record Subscriber(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
        void send(OutboundSseEvent event) {
            if (!emitter.isCancelled()) {
                emitter.emit(event);
            }
        }
    }

    private static final class Watch {
        final long showtimeId;
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        // all below guarded by this
        NavigableMap<Integer, ActiveSeat> published;
        SeatSnapshot basis;
        long version;
        boolean closed;
        boolean refreshing;
        boolean again;
        boolean againReload;
        Instant expiryAt;
        long expiryTimer = -1;
        volatile long lastRefreshNanos = System.nanoTime();

        Watch(long showtimeId) {
            this.showtimeId = showtimeId;
        }
    }
}
