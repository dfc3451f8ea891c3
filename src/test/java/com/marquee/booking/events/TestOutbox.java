package com.marquee.booking.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends typed test events ({@link BookingChanged}, {@link PaymentChanged}) to the outbox inside a transaction,
 * for the relay's tests: events with any ids and contents, without making real bookings. Production events are
 * built by the database from the rows a change committed ({@link Outbox}); both follow {@link EventFields}.
 */
final class TestOutbox {

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
    static Uni<Void> append(BookingEvent event) {
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
