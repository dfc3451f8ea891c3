package com.marquee.booking.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.logging.RateLimitedLog;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Publishes the outbox to the broker: at least once, in order per booking, safe with any number of
 * instances (README: Events).
 *
 * <p>A pass claims a batch in one short statement ({@link OutboxRepository#CLAIM}: whole bookings, each only
 * when its first unpublished event is free), enriches the events outside any transaction, publishes each
 * booking's events one after the other (the next only once the broker confirmed the previous; bookings in
 * parallel), and marks the confirmed ones published in a second short statement. An event without a confirm
 * stays unpublished and leased to this instance, which sends it again after a backoff (exponential, capped,
 * jittered; a single-booking probe first); other instances take it over only when the lease runs out. So a
 * broker outage loses nothing: events wait in the outbox, in order.
 *
 * <p>Passes of one instance never overlap: a call while one runs asks it to go round once more.
 * {@link #nudge()} starts a pass within milliseconds of a commit instead of at the next tick.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** A pass stops starting batches after this long and leaves the rest to the next tick. */
    private static final Duration PASS_BUDGET = Duration.ofSeconds(10);

    private final OutboxRepository outbox;
    private final EventEnricher enricher;
    private final EventPublisher publisher;
    private final EventMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final boolean enabled;
    private final int batchSize;
    private final Duration lease;
    private final Duration publishTimeout;
    private final long nudgeDelayMillis;
    private final RelayBackoff backoff;
    /** This instance, as the owner of its leases. */
    private final String owner = "relay-" + UUID.randomUUID();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicBoolean channelBroken = new AtomicBoolean();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public OutboxRelay(OutboxRepository outbox, EventEnricher enricher, EventPublisher publisher, EventMetrics metrics,
            BookingConfig config, Clock clock, Vertx vertx) {
        this.outbox = outbox;
        this.enricher = enricher;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        BookingConfig.Events events = config.events();
        this.enabled = events.enabled();
        this.batchSize = events.batchSize();
        this.lease = events.lease();
        this.publishTimeout = events.publishTimeout();
        this.nudgeDelayMillis = Math.max(1, events.nudgeDelay().toMillis());
        this.backoff = new RelayBackoff(events.backoffInitial(), events.backoffMax());
    }

    /** False with {@code booking.events.enabled=false}: events are only written, never published. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Asks for a pass soon (after {@code booking.events.nudge-delay}), e.g. right after a commit that
     * appended events. Cheap and non-blocking from any thread; nudges close together share one pass.
     */
    public void nudge() {
        if (!enabled || !nudged.compareAndSet(false, true)) {
            return;
        }
        vertx.setTimer(nudgeDelayMillis, id -> {
            nudged.set(false);
            publishPending().subscribe().with(ignored -> {
            }, e -> LOG.debugf("Nudged relay pass failed: %s", e));
        });
    }

    /**
     * One pass: claims and publishes until a batch comes back short, the broker fails or the pass budget is
     * spent. Returns how many events the broker confirmed (0 while backing off, when disabled, or when a
     * pass of this instance is already running; that one then goes round again).
     */
    public Uni<Integer> publishPending() {
        if (!enabled || channelBroken.get()) {
            return Uni.createFrom().item(0);
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0);
        }
        Instant deadline = clock.instant().plus(PASS_BUDGET);
        return Uni.createFrom().deferred(() -> batches(0, deadline))
                .onTermination().invoke(() -> {
                    running.set(false);
                    if (again.getAndSet(false)) {
                        nudge();
                    }
                });
    }

    /**
     * True once the channel can never publish again (the connector lost its publisher for good): only a
     * restart helps, so liveness reports it ({@link EventChannelLiveness}).
     */
    public boolean channelBroken() {
        return channelBroken.get();
    }

    /** Gives this instance's claimed events back at once, for the other instances to publish. */
    private Uni<Void> giveBack() {
        return outbox.release(owner)
                .invoke(released -> LOG.warnf("Gave %d claimed event(s) back to the other instances", released))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Recounts the backlog gauges (also when publishing is off). */
    public Uni<Void> refreshBacklog() {
        return outbox.backlog().invoke(b -> metrics.backlog(b.unpublished(), b.oldest())).replaceWithVoid();
    }

    private Uni<Integer> batches(int publishedSoFar, Instant deadline) {
        Instant now = clock.instant();
        if (!backoff.ready(now) || now.isAfter(deadline)) {
            return Uni.createFrom().item(publishedSoFar);
        }
        int bookings = backoff.probing() ? 1 : batchSize;
        return outbox.claim(bookings, lease, owner).chain(claim -> {
            List<ClaimedEvent> claimed = claim.events();
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(publishedSoFar);
            }
            // events go out only while the lease surely holds: their confirm (or timeout) lands before it ends
            Instant leaseDeadline = now.plus(claim.leaseLeft()).minus(publishTimeout);
            return publish(claimed, leaseDeadline).chain(result -> {
                int total = publishedSoFar + result.published();
                if (channelBroken.get()) {
                    return giveBack().replaceWith(total);
                }
                if (result.failed()) {
                    Duration pause = backoff.failed(clock.instant());
                    warn("Broker did not confirm event(s): " + result.error() + "; " + result.published()
                            + " published, the rest stay in the outbox; next attempt in " + pause.toMillis() + " ms");
                    return Uni.createFrom().item(total);
                }
                backoff.succeeded();
                long claimedBookings = claimed.stream().map(ClaimedEvent::orderKey).distinct().count();
                return claimedBookings < bookings ? Uni.createFrom().item(total) : batches(total, deadline);
            });
        });
    }

    private record BatchResult(int published, boolean failed, String error) {
    }

    private Uni<BatchResult> publish(List<ClaimedEvent> claimed, Instant leaseDeadline) {
        return enricher.enrich(claimed).chain(outgoing -> {
            Map<String, List<OutgoingEvent>> byBooking = new LinkedHashMap<>();
            for (OutgoingEvent event : outgoing) {
                String key = event.orderKey() != null ? event.orderKey() : event.eventId().toString();
                byBooking.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            }
            Queue<UUID> confirmed = new ConcurrentLinkedQueue<>();
            Queue<String> errors = new ConcurrentLinkedQueue<>();
            List<Uni<Void>> sends = new ArrayList<>(byBooking.size());
            for (List<OutgoingEvent> events : byBooking.values()) {
                sends.add(inOrder(events, 0, leaseDeadline, confirmed, errors));
            }
            return Uni.join().all(sends).andCollectFailures()
                    .chain(ignored -> outbox.markPublished(confirmed))
                    .map(ignored -> new BatchResult(confirmed.size(), !errors.isEmpty(), errors.peek()));
        });
    }

    /** Sends one booking's events one after the other; stops at the first without a confirm. */
    private Uni<Void> inOrder(List<OutgoingEvent> events, int index, Instant leaseDeadline, Queue<UUID> confirmed,
            Queue<String> errors) {
        if (index == events.size() || clock.instant().isAfter(leaseDeadline)) {
            return Uni.createFrom().voidItem();
        }
        OutgoingEvent event = events.get(index);
        return publisher.publish(event)
                .invoke(() -> {
                    confirmed.add(event.eventId());
                    metrics.published(event.type(), Duration.between(event.occurredAt(), clock.instant()));
                })
                .map(ignored -> true)
                .onFailure().recoverWithUni(e -> {
                    if (ConnectorDefects.lostPublisher(e) && channelBroken.compareAndSet(false, true)) {
                        LOG.error("The booking-events channel lost its broker connection for good (a connector defect:"
                                + " smallrye-reactive-messaging#1688); this instance publishes nothing more, gives its"
                                + " events back to the other instances and reports liveness DOWN: restart it. " + e);
                    }
                    String reason = e instanceof TimeoutException ? "timeout"
                            : String.valueOf(e.getMessage()).contains("nack") ? "nacked" : "error";
                    metrics.publishFailed(reason);
                    String error = reason + ": " + e;
                    errors.add(error);
                    return outbox.recordFailure(event.eventId(), error)
                            .onFailure().recoverWithNull()
                            .map(ignored -> false);
                })
                .chain(sent -> sent ? inOrder(events, index + 1, leaseDeadline, confirmed, errors)
                        : Uni.createFrom().voidItem());
    }

    private void warn(String message) {
        warnings.warn(message);
    }
}
