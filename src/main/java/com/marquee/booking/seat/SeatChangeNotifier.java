package com.marquee.booking.seat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.logging.RateLimitedLog;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tells the other instances which showtimes this one changed, after the commits: every change reported within
 * {@code booking.seats.live.notify-delay} goes out in one {@code pg_notify} round trip, in its own tiny
 * transaction. Not a trigger, and not inside the hold's transaction: a NOTIFY takes a cluster-wide lock from
 * its commit's start to its end (WAL flush included), which cut the hold's pgbench throughput by 60-75 %
 * (bench/README.md, "Where the NOTIFYs come from"). At most one NOTIFY is in flight per instance.
 */
@ApplicationScoped
public class SeatChangeNotifier {

    private static final Logger LOG = Logger.getLogger(SeatChangeNotifier.class);
    /** PostgreSQL refuses payloads of 8000 bytes or more; stay well below. */
    static final int MAX_PAYLOAD = 7900;
    private static final long RETRY_MILLIS = 1000;
    static final String NOTIFY = "SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload";

    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final Pool pool;
    private final Vertx vertx;
    private final SeatChangeChannel channel;
    private final SeatReadMetrics metrics;
    private final long delayMillis;

    public SeatChangeNotifier(Pool pool, Vertx vertx, SeatChangeChannel channel, SeatReadMetrics metrics,
            BookingConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.channel = channel;
        this.metrics = metrics;
        this.delayMillis = Math.max(1, config.seats().live().notifyDelay().toMillis());
    }

    void announce(long showtimeId) {
        pending.add(showtimeId);
        schedule(delayMillis);
    }

    private void schedule(long millis) {
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
            vertx.setTimer(millis, timer -> flush());
        }
    }

    private void flush() {
        List<Long> ids = new ArrayList<>();
        for (Iterator<Long> it = pending.iterator(); it.hasNext();) {
            ids.add(it.next());
            it.remove();
        }
        if (ids.isEmpty()) {
            scheduled.set(false);
            schedule(delayMillis);
            return;
        }
        pool.preparedQuery(NOTIFY).execute(Tuple.of(channel.name(), payloads(channel.instance(), ids)))
                .subscribe().with(sent -> {
                    metrics.notificationSent();
                    scheduled.set(false);
                    schedule(delayMillis);
                }, failure -> {
                    // the other instances' TTL and resync cover the gap; try again shortly
                    pending.addAll(ids);
                    warnings.warn("Could not announce seat changes of " + ids.size()
                            + " showtime(s) to other instances: " + failure);
                    scheduled.set(false);
                    schedule(RETRY_MILLIS);
                });
    }

    /** {@code <instance>:<id>,<id>,...}, split so no payload reaches PostgreSQL's limit. */
    static String[] payloads(String instance, List<Long> ids) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(instance).append(':');
        int empty = payload.length();
        for (Long id : ids) {
            String item = Long.toString(id);
            if (payload.length() > empty && payload.length() + item.length() + 1 > MAX_PAYLOAD) { // ASCII only
                payloads.add(payload.toString());
                payload.setLength(empty);
            }
            if (payload.length() > empty) {
                payload.append(',');
            }
            payload.append(item);
        }
        payloads.add(payload.toString());
        return payloads.toArray(String[]::new);
    }
}
