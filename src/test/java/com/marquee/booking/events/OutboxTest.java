package com.marquee.booking.events;

import static com.marquee.booking.support.Fixtures.nextId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The outbox writer: an event is stored in its change's transaction with the documented JSON shape, and a
 * change that rolls back leaves no event.
 */
@QuarkusTest
class OutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    TestDb db;

    @BeforeEach
    void database() {
        db = new TestDb(dataSource);
    }

    @Test
    void bookingEventIsStoredWithTheDocumentedShape() throws Throwable {
        long booking = nextId();
        long showtime = nextId();
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, booking, 7, showtime, 42L);

        TestEvents.append(outbox, held);

        Object[] row = db.rows("SELECT event_type, booking_id, showtime_id, payload::text, occurred_at, published_at"
                + " FROM outbox_events WHERE event_id = ?", held.eventId()).get(0);
        assertEquals("booking.held", row[0]);
        assertEquals(booking, row[1]);
        assertEquals(showtime, row[2]);
        assertNull(row[5], "not published yet");
        String text = (String) row[3];
        JsonNode payload = JSON.readTree(text);
        assertEquals(new HashSet<>(EventFields.BOOKING_EVENT), keys(payload));
        assertEquals(held.eventId().toString(), payload.get("event_id").asText());
        assertEquals("booking.held", payload.get("type").asText());
        assertEquals(held.occurredAt().toString(), payload.get("occurred_at").asText());
        assertTrue(payload.get("occurred_at").asText().endsWith("Z"), "ISO-8601 UTC");
        assertEquals(7, payload.get("user_id").asLong());
        assertEquals(42, payload.get("movie_id").asLong());
        assertEquals("pending", payload.get("status").asText());
        assertEquals(2, payload.get("seat_count").asInt());
        assertEquals(new HashSet<>(EventFields.SEAT), keys(payload.get("seats").get(0)));
        assertEquals("A", payload.get("seats").get(0).get("row_label").asText());
        assertEquals(1, payload.get("seats").get(0).get("row").asInt());
        assertTrue(text.contains("\"amount\": 25.00") && text.contains("\"price_per_seat\": 12.50"),
                "amounts are numbers with two decimals: " + text);
        assertTrue(payload.get("hold_expiry_time").isTextual());
        assertTrue(payload.get("payment_id").isNull() && payload.get("cancel_reason").isNull(), "null, not absent");
    }

    @Test
    void paymentEventIsStoredWithTheDocumentedShape() throws Throwable {
        long payment = nextId();
        PaymentChanged failed = TestEvents.payment(EventType.PAYMENT_FAILED, payment, null, null, null);

        TestEvents.append(outbox, failed);

        Object[] row = db.rows("SELECT event_type, booking_id, payload::text FROM outbox_events WHERE event_id = ?",
                failed.eventId()).get(0);
        assertEquals("payment.failed", row[0]);
        assertNull(row[1], "a payment without a booking");
        JsonNode payload = JSON.readTree((String) row[2]);
        assertEquals(new HashSet<>(EventFields.PAYMENT_EVENT), keys(payload));
        assertEquals(payment, payload.get("payment_id").asLong());
        assertEquals("failed", payload.get("status").asText());
        assertEquals("card declined", payload.get("failure_reason").asText());
        assertTrue(payload.get("booking_id").isNull() && payload.get("provider_reference").isNull());
        assertTrue(((String) row[2]).contains("\"amount\": 25.00"));
    }

    @Test
    void rolledBackChangeLeavesNoEvent() {
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, nextId(), null);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(held)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))));

        assertEquals("the change failed", failure.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM outbox_events WHERE event_id = ?", held.eventId()));
    }

    @Test
    void eventsOfOneTransactionCommitTogether() throws Throwable {
        long booking = nextId();
        List<BookingEvent> events = new ArrayList<>();
        events.add(TestEvents.payment(EventType.PAYMENT_COMPLETED, nextId(), booking, 7L, 3L));
        events.add(TestEvents.booking(EventType.BOOKING_CONFIRMED, booking, 7, 3, null));

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.append(events.get(0)).chain(() -> outbox.append(events.get(1)))));

        assertEquals(List.of("payment.completed", "booking.confirmed"), db.rows(
                "SELECT event_type FROM outbox_events WHERE booking_id = ? ORDER BY seq", booking).stream()
                .map(r -> (String) r[0]).toList(), "in append order");
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        BookingChanged held = TestEvents.booking(EventType.BOOKING_HELD, nextId(), 7, nextId(), null);

        assertThrows(IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox.append(held))));

        assertEquals(0, db.count("SELECT count(*) FROM outbox_events WHERE event_id = ?", held.eventId()));
    }

    @Test
    void eventsRefuseTheOtherKindsTypeAndMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> BookingChanged.of(EventType.PAYMENT_COMPLETED,
                Instant.now(), 1, 1, 1, null, "pending", List.of(new EventSeat(1, 1, "A")), BigDecimal.TEN,
                BigDecimal.TEN, "usd", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> PaymentChanged.of(EventType.BOOKING_HELD, Instant.now(), 1,
                null, null, null, BigDecimal.TEN, "usd", "completed", "simulated", null, null));
        assertThrows(IllegalArgumentException.class, () -> BookingChanged.of(EventType.BOOKING_HELD, Instant.now(), 1,
                1, 1, null, "pending", List.of(), BigDecimal.TEN, BigDecimal.TEN, "usd", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new EventSeat(0, 1, "A"));
        assertNotNull(EventType.fromWireName("payment.refunded"));
        assertThrows(IllegalArgumentException.class, () -> EventType.fromWireName("booking.unknown"));
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
