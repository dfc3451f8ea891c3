package com.marquee.booking.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.marquee.booking.support.TestDb;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;

/** Events as the booking lifecycle will append them, and ways to put them into the outbox for a test. */
final class TestEvents {

    private TestEvents() {
    }

    static BookingChanged booking(EventType type, long bookingId, long userId, long showtimeId, Long movieId) {
        boolean ended = type == EventType.BOOKING_CANCELLED || type == EventType.BOOKING_EXPIRED;
        String status = switch (type) {
            case BOOKING_HELD -> "pending";
            case BOOKING_CONFIRMED -> "confirmed";
            default -> "cancelled";
        };
        return BookingChanged.of(type, Instant.now(), bookingId, userId, showtimeId, movieId, status,
                List.of(new EventSeat(1, 2, "A"), new EventSeat(2, 3, "B")), new BigDecimal("12.5"),
                new BigDecimal("25"), "usd", type == EventType.BOOKING_HELD ? Instant.now().plusSeconds(600) : null,
                type == EventType.BOOKING_CONFIRMED ? bookingId + 1 : null,
                ended ? (type == EventType.BOOKING_EXPIRED ? "expired" : "user") : null);
    }

    static PaymentChanged payment(EventType type, long paymentId, Long bookingId, Long userId, Long showtimeId) {
        return PaymentChanged.of(type, Instant.now(), paymentId, bookingId, userId, showtimeId, new BigDecimal("25.00"),
                "usd", type == EventType.PAYMENT_FAILED ? "failed" : "completed", "simulated",
                type == EventType.PAYMENT_FAILED ? null : "sim_" + paymentId,
                type == EventType.PAYMENT_FAILED ? "card declined" : null);
    }

    /** Appends each event in a transaction of its own, in order, as committed changes would. */
    static void append(BookingEvent... events) throws Throwable {
        for (BookingEvent event : events) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> TestOutbox.append(event)));
        }
    }

    /** An outbox row written straight in SQL (as set-based SQL of the lifecycle may write one). */
    static void insertRow(TestDb db, String type, Long bookingId, Long showtimeId, String occurredAgo,
            String publishedAgo) {
        db.update("INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at,"
                + " published_at) VALUES (gen_random_uuid(), ?, ?, ?, jsonb_build_object('type', ?::text),"
                + " now() - cast(? as interval), now() - cast(? as interval))", type, bookingId, showtimeId, type,
                occurredAgo, publishedAgo);
    }
}
