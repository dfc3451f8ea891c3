package com.marquee.booking.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes booking and payment events to {@code outbox_events} inside the caller's transaction, so an event
 * exists exactly when its change committed: a rolled-back change leaves no event. The database builds each
 * event from the rows as the transaction left them ({@code booking_event_payload}, {@code payment_event_payload}:
 * V7 migration, keys of {@link EventFields}), so an event always describes what commits with it, whichever
 * path made the change: an entity update or a set-based release of many bookings. (The hold's one-statement
 * fast path builds its {@code booking.held} inline with the same keys: a statement cannot read rows it inserts.) Callers flush their entity changes first, write while holding the booking's lock (so a booking's
 * events are in commit order), and call {@link #committed()} once the transaction committed.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRelay relay;
    private final String currency;
    private final boolean nudge;

    public Outbox(OutboxRelay relay, BookingConfig config) {
        this.relay = relay;
        this.currency = config.payments().currency();
        this.nudge = config.events().nudgeOnCommit();
    }

    public Uni<Void> booking(EventType type, long bookingId, Instant at) {
        return bookings(List.of(type), List.of(bookingId), at);
    }

    /** For each booking (in id order), one event of each type (in the order given). */
    public Uni<Void> bookings(List<EventType> types, Collection<Long> bookingIds, Instant at) {
        if (bookingIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
                SELECT e.id, e.type, e.booking_id, e.showtime_id,
                       booking_event_payload(e.id, e.type, e.booking_id, :at, :currency), :at
                  FROM (SELECT gen_random_uuid() AS id, t.ord, t.type, b.booking_id, b.showtime_id
                          FROM bookings b CROSS JOIN (VALUES %s) AS t (ord, type)
                         WHERE b.booking_id IN (:ids)) e
                 ORDER BY e.booking_id, e.ord
                """.formatted(values(types)))
                .setParameter("at", at).setParameter("currency", currency).setParameter("ids", bookingIds)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> payment(EventType type, long paymentId, Instant at) {
        return payments(type, List.of(paymentId), at);
    }

    public Uni<Void> payments(EventType type, Collection<Long> paymentIds, Instant at) {
        if (paymentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
                SELECT e.id, :type, e.booking_id, b.showtime_id,
                       payment_event_payload(e.id, :type, e.payment_id, :at, :currency), :at
                  FROM (SELECT gen_random_uuid() AS id, p.payment_id, p.booking_id FROM payments p
                         WHERE p.payment_id IN (:ids)) e
                  LEFT JOIN bookings b ON b.booking_id = e.booking_id
                 ORDER BY e.payment_id
                """).setParameter("type", type.wireName()).setParameter("at", at)
                .setParameter("currency", currency).setParameter("ids", paymentIds).executeUpdate()).replaceWithVoid();
    }

    /** After a commit that wrote events: the relay publishes them within milliseconds, not at its next tick. */
    public void committed() {
        if (nudge) {
            relay.nudge();
        }
    }

    /** {@code (1, 'booking.expired'), (2, 'booking.cancelled')}: wire names of our own types, never client input. */
    private static String values(List<EventType> types) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", '").append(types.get(i).wireName())
                    .append("')");
        }
        return values.toString();
    }
}
