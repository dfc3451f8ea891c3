package com.marquee.booking.events;

import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Payments.cancel;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.completedPayment;
import static com.marquee.booking.support.Payments.confirm;
import static com.marquee.booking.support.Payments.createPayment;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.scheduler.HoldExpiryJob;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * The events the booking lifecycle writes, as stored in the outbox by the changes themselves: which events each
 * change writes, in which order, with the documented shape ({@link EventFields}), and none for a change that
 * was refused or rolled back. Whatever path made the change (the hold's one-statement fast path, the careful
 * path, the set-based release of the sweep), the shape is the same: the database builds every event from the
 * committed rows.
 */
@QuarkusTest
class BookingEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HoldExpiryJob expiryJob;

    TestDb db;

    @BeforeEach
    void database() {
        db = new TestDb(dataSource);
    }

    @Test
    void aHoldWritesBookingHeldWithTheDocumentedShape() {
        long st = newShowtime(10, 10, "12.50");
        long user = nextId();
        long bookingId = holdOk(st, user, "A", 1, 2, 3);

        List<Event> events = eventsOf(bookingId);
        assertEquals(List.of("booking.held"), types(events));
        JsonNode held = events.get(0).payload();
        assertEquals(new HashSet<>(EventFields.BOOKING_EVENT), keys(held));
        assertEquals(events.get(0).id(), held.get("event_id").asText());
        assertEquals(bookingId, held.get("booking_id").asLong());
        assertEquals(user, held.get("user_id").asLong());
        assertEquals(st, held.get("showtime_id").asLong());
        assertEquals(42, held.get("movie_id").asLong());
        assertEquals("pending", held.get("status").asText());
        assertEquals(2, held.get("seat_count").asInt());
        assertEquals(new HashSet<>(EventFields.SEAT), keys(held.get("seats").get(0)));
        assertEquals("A", held.get("seats").get(0).get("row_label").asText());
        assertEquals(2, held.get("seats").get(1).get("row").asInt());
        assertEquals("B", held.get("seats").get(1).get("row_label").asText());
        assertTrue(events.get(0).text().contains("\"amount\": 25.00")
                && events.get(0).text().contains("\"price_per_seat\": 12.50"), events.get(0).text());
        assertEquals("usd", held.get("currency").asText());
        assertTrue(held.get("occurred_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
                held.get("occurred_at").asText());
        assertTrue(held.get("hold_expiry_time").asText().endsWith("Z"));
        assertTrue(held.get("payment_id").isNull() && held.get("cancel_reason").isNull(), "null, not absent");
    }

    @Test
    void theCarefulPathWritesTheSameEventAndReleasesAStaleHoldWithItsEvents() {
        long st = newShowtime(10, 10, "12.50");
        long stale = holdOk(st, nextId(), "C", 1);
        db.expireHold(stale);
        // an Idempotency-Key sends the hold down the careful path, which expires the stale booking first
        long bookingId = given().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"user_id\": 5, \"showtime_id\": " + st + ", \"seats\": [{\"row\": \"C\", \"col\": 1}]}")
                .post("/api/bookings/").then().statusCode(201).extract().jsonPath().getLong("booking_id");

        List<Event> staleEvents = eventsOf(stale);
        assertEquals(List.of("booking.held", "booking.expired", "booking.cancelled"), types(staleEvents));
        assertEquals("expired", staleEvents.get(2).payload().get("cancel_reason").asText());
        Event held = eventsOf(bookingId).get(0);
        assertEquals("booking.held", held.type());
        assertEquals(new HashSet<>(EventFields.BOOKING_EVENT), keys(held.payload()));
        assertTrue(staleEvents.get(2).seq() < held.seq(), "the release is written before the new hold");
    }

    @Test
    void aCheckoutWritesPaymentCompletedThenBookingConfirmed() {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), nextId(), "D", 1);
        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");

        List<Event> events = eventsOf(bookingId);
        assertEquals(List.of("booking.held", "payment.completed", "booking.confirmed"), types(events));
        JsonNode paid = events.get(1).payload();
        assertEquals(new HashSet<>(EventFields.PAYMENT_EVENT), keys(paid));
        assertEquals(paymentId, paid.get("payment_id").asLong());
        assertEquals("completed", paid.get("status").asText());
        assertEquals("simulated", paid.get("provider").asText());
        assertTrue(paid.get("provider_reference").asText().startsWith("sim_"));
        assertTrue(events.get(1).text().contains("\"amount\": 12.50"), events.get(1).text());
        assertEquals(paymentId, events.get(2).payload().get("payment_id").asLong());
        assertEquals("confirmed", events.get(2).payload().get("status").asText());
    }

    @Test
    void cancellingAPaidBookingWritesCancelledThenRefunded() {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), nextId(), "E", 1);
        complete(bookingId).then().statusCode(200);
        cancel(bookingId).then().statusCode(200);

        List<Event> events = eventsOf(bookingId);
        assertEquals(List.of("booking.held", "payment.completed", "booking.confirmed", "booking.cancelled",
                "payment.refunded"), types(events));
        assertEquals("user", events.get(3).payload().get("cancel_reason").asText());
        assertEquals("cancelled", events.get(3).payload().get("status").asText());
        assertEquals("refunded", events.get(4).payload().get("status").asText());
    }

    @Test
    void theSweepWritesExpiredThenCancelledAndFailsPendingPayments() throws Throwable {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), nextId(), "F", 1);
        long paymentId = createPayment("12.50", "user:9", bookingId).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        db.expireHold(bookingId);

        VertxContextSupport.subscribeAndAwait(() -> expiryJob.sweep());

        List<Event> events = eventsOf(bookingId);
        assertEquals(List.of("booking.held", "booking.expired", "booking.cancelled", "payment.failed"), types(events));
        assertEquals("expired", events.get(2).payload().get("cancel_reason").asText());
        assertEquals(paymentId, events.get(3).payload().get("payment_id").asLong());
        assertEquals("hold expired", events.get(3).payload().get("failure_reason").asText());
    }

    @Test
    void aRefusedOrRolledBackChangeWritesNothing() {
        long st = newShowtime(10, 10, "12.50");
        long bookingId = holdOk(st, nextId(), "G", 1);
        long before = db.count("SELECT count(*) FROM outbox_events WHERE showtime_id = ?", st);

        // the fast path inserted a booking and its event before finding the seat taken: all rolled back
        hold(st, nextId(), "G", 1).then().statusCode(409);
        // refused before anything was written
        long tooSmall = completedPayment("1.00");
        confirm(bookingId, tooSmall).then().statusCode(409);

        assertEquals(before, db.count("SELECT count(*) FROM outbox_events WHERE showtime_id = ?", st));
        assertEquals(List.of("booking.held"), types(eventsOf(bookingId)));
    }

    private record Event(String id, String type, String text, JsonNode payload, long seq) {
    }

    private List<Event> eventsOf(long bookingId) {
        return db.rows("SELECT event_id::text, event_type, payload::text, seq FROM outbox_events WHERE booking_id = ?"
                + " ORDER BY seq", bookingId).stream().map(row -> {
                    try {
                        return new Event((String) row[0], (String) row[1], (String) row[2],
                                JSON.readTree((String) row[2]), ((Number) row[3]).longValue());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
