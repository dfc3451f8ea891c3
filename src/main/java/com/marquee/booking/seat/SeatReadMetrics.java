package com.marquee.booking.seat;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the in-memory seat reads and the live seat map, at {@code /q/metrics}:
 * {@code booking_seats_snapshot_loads_total} (queries the snapshots cost), {@code booking_seats_snapshots}
 * (showtimes in memory), {@code booking_seats_stream_subscribers} (open streams on this instance),
 * {@code booking_seats_notifications_sent_total} / {@code _received_total} (NOTIFYs between instances) and
 * {@code booking_seats_listener_up} (1 while this instance LISTENs).
 */
@ApplicationScoped
public class SeatReadMetrics {

    private final MeterRegistry registry;
    private final Counter loads;
    private final Counter notificationsSent;
    private final Counter notificationsReceived;

    public SeatReadMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.loads = Counter.builder("booking.seats.snapshot.loads")
                .description("Seat snapshot queries (one per change burst per showtime, shared by all readers)")
                .register(registry);
        this.notificationsSent = Counter.builder("booking.seats.notifications.sent")
                .description("pg_notify calls announcing this instance's seat changes (each may name many showtimes)")
                .register(registry);
        this.notificationsReceived = Counter.builder("booking.seats.notifications.received")
                .description("Seat change notifications received from other instances").register(registry);
    }

    void snapshotLoaded() {
        loads.increment();
    }

    void notificationSent() {
        notificationsSent.increment();
    }

    void notificationReceived() {
        notificationsReceived.increment();
    }

    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
