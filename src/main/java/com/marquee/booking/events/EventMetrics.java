package com.marquee.booking.events;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The outbox and its consumers at {@code /q/metrics}: how far behind the relay is (backlog, oldest
 * unpublished event), what it published, what failed, and the Theatre seat-counter sync. The backlog gauges
 * are refreshed by every relay run, also while publishing is off (then they show what is waiting).
 */
@ApplicationScoped
public class EventMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private final Timer publishLag;

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("booking.events.backlog", backlog, AtomicLong::get)
                .description("Events in the outbox not yet published").register(registry);
        Gauge.builder("booking.events.backlog.oldest.seconds", oldestMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest event not yet published (0 when none)").register(registry);
        this.publishLag = Timer.builder("booking.events.publish.lag")
                .description("From an event's change to the broker confirming it").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void backlog(long unpublished, Duration oldest) {
        backlog.set(unpublished);
        oldestMillis.set(oldest.toMillis());
    }

    void published(String type, Duration lag) {
        Counter.builder("booking.events.published").description("Events the broker confirmed, by type")
                .tag("type", type).register(registry).increment();
        publishLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** {@code reason}: timeout (no confirm in time, outcome unknown), nacked (the broker refused), error. */
    void publishFailed(String reason) {
        Counter.builder("booking.events.publish.failures")
                .description("Events the broker did not confirm (they stay in the outbox), by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void pruned(int count) {
        if (count > 0) {
            Counter.builder("booking.events.pruned").description("Old events deleted from the outbox")
                    .register(registry).increment(count);
        }
    }

    /**
     * One Theatre seat-counter reconcile. {@code outcome}: adjusted (a delta was sent), unchanged (already
     * equal), unknown_showtime (the Theatre Service does not know it), failed (read failed or refused),
     * unknown (the update's outcome is unknown: re-read after a pause).
     */
    void theatreSync(String outcome) {
        Counter.builder("booking.theatre.seat.sync").description("Theatre seat-counter reconciles, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
