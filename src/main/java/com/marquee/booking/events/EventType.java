package com.marquee.booking.events;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened, by its wire name: the {@code type} field of every event, the {@code event_type} column of
 * {@code outbox_events} and the routing key on the broker. The names are a contract with consumers (and
 * with SQL that writes events directly): never rename one, add new ones instead.
 */
public enum EventType {

    BOOKING_HELD("booking.held", Kind.BOOKING),
    BOOKING_CONFIRMED("booking.confirmed", Kind.BOOKING),
    /** Cancelled by the user, or because its payment was refunded; {@code cancel_reason} says which. */
    BOOKING_CANCELLED("booking.cancelled", Kind.BOOKING),
    /** The hold ran out before payment (the booking ends {@code cancelled} with reason {@code expired}). */
    BOOKING_EXPIRED("booking.expired", Kind.BOOKING),
    PAYMENT_COMPLETED("payment.completed", Kind.PAYMENT),
    PAYMENT_FAILED("payment.failed", Kind.PAYMENT),
    PAYMENT_REFUNDED("payment.refunded", Kind.PAYMENT);

    /** Which record, and so which JSON shape, an event of this type has. */
    public enum Kind {
        BOOKING, PAYMENT
    }

    private final String wireName;
    private final Kind kind;

    EventType(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public static EventType fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
