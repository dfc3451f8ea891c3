package com.marquee.booking.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row a relay claimed: the stored payload as text plus what publishing needs without parsing it
 * (the user and movie to enrich it with).
 */
record ClaimedEvent(UUID eventId, long seq, String type, Long bookingId, Long showtimeId, String payload,
        Instant occurredAt, Long userId, Long movieId) {

    /** Events that must be published one after the other share a key: the booking's, or their own. */
    Object orderKey() {
        return bookingId != null ? bookingId : eventId;
    }
}
