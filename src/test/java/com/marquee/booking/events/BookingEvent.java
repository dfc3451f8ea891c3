package com.marquee.booking.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Something that happened to a booking or a payment, as {@link Outbox#append} stores it and the relay
 * publishes it. The two shapes are {@link BookingChanged} and {@link PaymentChanged}; their JSON keys are
 * {@link EventFields}. Events of one booking are published in the order they were appended.
 */
public sealed interface BookingEvent permits BookingChanged, PaymentChanged {

    /** Unique per event; consumers de-duplicate by it (delivery is at least once). */
    UUID eventId();

    EventType type();

    /** When the change happened (its transaction's time), UTC, microseconds like PostgreSQL. */
    Instant occurredAt();

    /** The booking whose events are kept in order; null only for a payment made without a booking. */
    Long bookingId();

    /** The showtime whose seats changed, if any: marks that showtime for the Theatre seat-counter sync. */
    Long showtimeId();

    /** A fresh event id. */
    static UUID newId() {
        return UUID.randomUUID();
    }

    /** Money on the wire: two decimals, as everywhere in the API. */
    static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** Time on the wire: microseconds, what PostgreSQL keeps, so the payload and the row agree. */
    static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
