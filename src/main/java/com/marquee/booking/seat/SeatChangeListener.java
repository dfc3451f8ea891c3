package com.marquee.booking.seat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.marquee.booking.common.logging.RateLimitedLog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * LISTENs on the seat change channel, on a connection of its own (a pooled connection would lose the LISTEN
 * when returned), and applies what other instances announce. {@link PgSubscriber} reconnects with backoff
 * and LISTENs again; every time it is subscribed anew, notifications may have been missed meanwhile, so every
 * snapshot is invalidated and every watched showtime read again.
 *
 * <p>
 * A connection that died silently (no RST: a failover, a dropped NAT entry) would never be noticed by
 * waiting for notifications, so the connection is pinged every {@value #PING_EVERY_MILLIS} ms and closed
 * (hence re-opened) when the ping fails or takes over {@value #PING_TIMEOUT_MILLIS} ms.
 */
@ApplicationScoped
public class SeatChangeListener {

    private static final Logger LOG = Logger.getLogger(SeatChangeListener.class);
    private static final long CHECK_MILLIS = 500;
    static final long PING_EVERY_MILLIS = 10_000;
    static final long PING_TIMEOUT_MILLIS = 5_000;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Vertx vertx;
    private final SeatChangeChannel channel;
    private final SeatChanges changes;
    private final ChangeFeedHealth health;
    private final SeatReadMetrics metrics;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final AtomicBoolean pinging = new AtomicBoolean();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;
    private long checkTimer = -1;
    private long lastPingNanos = System.nanoTime();

    public SeatChangeListener(Vertx vertx, SeatChangeChannel channel, SeatChanges changes, ChangeFeedHealth health,
            SeatReadMetrics metrics) {
        this.vertx = vertx;
        this.channel = channel;
        this.changes = changes;
        this.health = health;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        metrics.gauge("booking.seats.listener.up", "1 while this instance LISTENs for other instances' seat changes",
                () -> health.listening() ? 1 : 0);
        PgSubscriber created = PgSubscriber.subscriber(vertx, channel.connectOptions())
                .reconnectPolicy(SeatChangeListener::backoffMillis); // never gives up: the stream needs it
        created.channel(channel.name())
                .handler(this::received)
                .subscribeHandler(ignored -> subscribed());
        subscriber = created;
        connect(0);
        checkTimer = vertx.setPeriodic(CHECK_MILLIS, timer -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        health.listening(false);
        vertx.cancelTimer(checkTimer);
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
    }

    /** PgSubscriber retries a connection that was lost, not a first connect that failed: that is ours. */
    private void connect(int attempt) {
        if (stopped) {
            return;
        }
        subscriber.connect().onFailure(failure -> {
            warnings.warn("Cannot LISTEN for seat changes yet (" + failure + "); retrying. Meanwhile seat reads"
                    + " trust memory for at most 500 ms");
            vertx.setTimer(backoffMillis(attempt), timer -> connect(attempt + 1));
        });
    }

    private void subscribed() {
        boolean recovered = !health.listening();
        health.listening(true);
        LOG.debugf("LISTENing on %s as instance %s", channel.name(), channel.instance());
        if (recovered) {
            LOG.infof("Listening for seat changes on channel %s", channel.name());
        }
        changes.everythingMayHaveChanged(); // whatever happened while we were not listening
    }

    private void received(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            LOG.debugf("Ignoring a seat change notification without an origin: %s", payload);
            return;
        }
        if (payload.regionMatches(0, channel.instance(), 0, colon) && colon == channel.instance().length()) {
            return; // our own: applied when it was committed
        }
        metrics.notificationReceived();
        String body = payload.substring(colon + 1);
        if (body.equals("*")) {
            changes.everythingMayHaveChanged();
            return;
        }
        for (String id : body.split(",")) {
            try {
                changes.committedElsewhere(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                LOG.debugf("Ignoring a malformed seat change notification: %s", payload);
            }
        }
    }

    private void check() {
        PgSubscriber current = subscriber;
        if (current == null || stopped) {
            return;
        }
        PgConnection connection = current.actualConnection();
        if (connection == null) {
            if (health.listening()) {
                health.listening(false);
                LOG.warn("Lost the seat change listener's connection; reconnecting. Meanwhile seat reads trust"
                        + " memory for at most 500 ms");
            }
            return;
        }
        long now = System.nanoTime();
        if (now - lastPingNanos < Duration.ofMillis(PING_EVERY_MILLIS).toNanos() || !pinging.compareAndSet(false, true)) {
            return;
        }
        lastPingNanos = now;
        long deadline = vertx.setTimer(PING_TIMEOUT_MILLIS, timer -> {
            if (pinging.compareAndSet(true, false)) {
                LOG.warn("The seat change listener's connection did not answer a ping; reconnecting");
                connection.close();
            }
        });
        connection.query("SELECT 1").execute().onComplete(result -> {
            vertx.cancelTimer(deadline);
            if (pinging.compareAndSet(true, false) && result.failed()) {
                LOG.warnf("The seat change listener's connection failed a ping (%s); reconnecting",
                        result.cause().toString());
                connection.close();
            }
        });
    }

    /** 100 ms doubling to 10 s, with jitter so instances do not reconnect in lockstep after an outage. */
    static long backoffMillis(int attempt) {
        long base = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 10));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }
}
