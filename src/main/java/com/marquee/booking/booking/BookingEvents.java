package com.marquee.booking.booking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes booking and payment events to the outbox inside the caller's transaction, built by the database from
 * the rows as the transaction left them ({@code booking_event_payload}, {@code payment_event_payload}: V7
 * migration), so an event always describes what commits with it. The relay publishes them afterwards.
 * Callers flush their entity changes first.
 */
@ApplicationScoped
class BookingEvents {

    static final String HELD = "booking.held";
    static final String CONFIRMED = "booking.confirmed";
    static final String CANCELLED = "booking.cancelled";
    static final String EXPIRED = "booking.expired";
    static final String PAYMENT_COMPLETED = "payment.completed";
    static final String PAYMENT_FAILED = "payment.failed";
    static final String PAYMENT_REFUNDED = "payment.refunded";

    /** One event of a booking that was just written on a raw connection (the hold's fast path): $1 id, $2 at, $3 currency. */
    static final String HELD_ON_CONNECTION = """
            INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
            SELECT e.id, 'booking.held', b.booking_id, b.showtime_id,
                   booking_event_payload(e.id, 'booking.held', b.booking_id, $2, $3), $2
              FROM (SELECT gen_random_uuid() AS id) e, bookings b
             WHERE b.booking_id = $1
            """;

    private final String currency;

    BookingEvents(BookingConfig config) {
        this.currency = config.payments().currency();
    }

    Uni<Void> booking(String type, long bookingId, Instant at) {
        return bookings(List.of(type), List.of(bookingId), at);
    }

    /** For each booking (in id order), one event of each type (in the order given). */
    Uni<Void> bookings(List<String> types, Collection<Long> bookingIds, Instant at) {
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

    Uni<Void> payment(String type, long paymentId, Instant at) {
        return payments(type, List.of(paymentId), at);
    }

    Uni<Void> payments(String type, Collection<Long> paymentIds, Instant at) {
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
                """).setParameter("type", type).setParameter("at", at).setParameter("currency", currency)
                .setParameter("ids", paymentIds).executeUpdate()).replaceWithVoid();
    }

    /** {@code (1, 'booking.expired'), (2, 'booking.cancelled')}: our own constants, never client input. */
    private static String values(List<String> types) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            if (!types.get(i).matches("[a-z.]+")) {
                throw new IllegalArgumentException("not an event type: " + types.get(i));
            }
            values.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", '").append(types.get(i)).append("')");
        }
        return values.toString();
    }
}
