package com.marquee.booking.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into {@code outbox_events} inside the caller's Hibernate Reactive transaction, so an event
 * exists exactly when its change committed: a rolled-back change leaves no event. The relay publishes the
 * rows afterwards ({@link OutboxRelay}); nothing here touches the network.
 *
 * <p>Order: events of one booking are published in the order they were appended, which is their commit
 * order as long as every change to a booking appends while holding that booking's row lock (the lifecycle's
 * lock order guarantees it). Call {@link OutboxRelay#nudge()} after the commit to publish within
 * milliseconds rather than at the relay's next tick.
 *
 * <p>SQL that writes events itself (e.g. a set-based sweep) inserts the same columns, with a payload built by
 * {@code jsonb_build_object} from exactly the keys of {@link EventFields} and the same {@code event_id}.
 */
@ApplicationScoped
public class Outbox {

    // the payload goes in as text and is parsed by the cast: a parameter typed jsonb would store the Java
    // string as one JSON string value
    static final String INSERT = """
            INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
            VALUES (:eventId, :type, :bookingId, :showtimeId, cast(cast(:payload as text) as jsonb), :occurredAt)
            """;

    /**
     * Appends {@code event} in the current transaction; fails if there is none (an event written outside
     * its change's transaction could outlive a rolled-back change, or be lost with a committed one).
     */
    public Uni<Void> append(BookingEvent event) {
        String payload = EventJson.write(event);
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.append runs inside the transaction of the change it records"));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                    .setParameter("eventId", event.eventId())
                    .setParameter("type", event.type().wireName())
                    .setParameter("bookingId", event.bookingId())
                    .setParameter("showtimeId", event.showtimeId())
                    .setParameter("payload", payload)
                    .setParameter("occurredAt", event.occurredAt())
                    .executeUpdate());
        }).replaceWithVoid();
    }
}
