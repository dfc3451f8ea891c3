package com.marquee.booking.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as it leaves for the broker, in no connector's terms: the message body (the enriched JSON),
 * its id, its type (the routing key) and the key that keeps one booking's events in order.
 *
 * @param orderKey the booking id, or null for an event without a booking
 */
record OutgoingEvent(UUID eventId, String type, String orderKey, Instant occurredAt, String body) {
}
