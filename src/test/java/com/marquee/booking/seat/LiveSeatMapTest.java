package com.marquee.booking.seat;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.Payments;
import com.marquee.booking.support.SseStream;
import com.marquee.booking.support.SseStream.Event;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The live seat map over HTTP only (also run against the packaged app by {@link LiveSeatMapIT}): what a browser's
 * EventSource sees. Every wait is bounded; streams are closed by every test, so the subscriber gauge returns to
 * zero between them.
 */
@QuarkusTest
class LiveSeatMapTest {

    static final Duration SECOND = Duration.ofSeconds(1);
    /** The first event comes after one query at most, even on a loaded CI machine. */
    static final Duration START = Duration.ofSeconds(5);
    static final String SUBSCRIBERS = "booking_seats_stream_subscribers";

    @Test
    void firstEventIsTheTheatreUiSeatList() {
        long st = newShowtime();
        long held = holdOk(st, nextId(), "B", 2, 3, 1);
        long cancelled = holdOk(st, nextId(), "E", 5);
        Payments.cancel(cancelled).then().statusCode(200);

        try (SseStream stream = SseStream.showtime(st)) {
            assertEquals(200, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("text/event-stream"), stream.header("Content-Type"));
            Event snapshot = stream.next(START);
            assertEquals("snapshot", snapshot.name());
            assertNotNull(snapshot.id());
            String uiList = given().get("/api/bookings/showtime/{id}/seats", st).then().statusCode(200).extract()
                    .asString();
            assertEquals(JsonPath.from(uiList).getList("seats"), snapshot.json().getList("seats"));
            assertEquals(List.of(2, 3), snapshot.json().getList("seats.row"));
            assertEquals(List.of((int) held, (int) held), snapshot.json().getList("seats.booking_id"));
            assertEquals(List.of("on_hold", "on_hold"), snapshot.json().getList("seats.status"));
            assertFalse(snapshot.data().contains("user"), "no personal data: " + snapshot.data());
        }
    }

    @Test
    void aHoldMadeByAnotherRequestArrivesWithinASecond() {
        long st = newShowtime();
        try (SseStream stream = SseStream.showtime(st)) {
            Event snapshot = stream.next("snapshot", START);
            assertEquals(List.of(), snapshot.json().getList("seats"));

            long bookingId = holdOk(st, nextId(), "C", 4, "C", 5);
            long committed = System.nanoTime(); // the 201 comes after the commit
            Event change = stream.next("change", Duration.ofSeconds(3));
            long millis = Duration.ofNanos(System.nanoTime() - committed).toMillis();

            assertTrue(millis <= 1000, "change arrived " + millis + " ms after the hold's 201");
            assertEquals(List.of(Map.of("row", 3, "col", 4, "status", "on_hold", "booking_id", (int) bookingId),
                    Map.of("row", 3, "col", 5, "status", "on_hold", "booking_id", (int) bookingId)),
                    change.json().getList("seats"));
            assertTrue(change.idNumber() > snapshot.idNumber(), "ids grow: " + snapshot.id() + " then " + change.id());
        }
    }

    @Test
    void heldThenBookedThenReleasedInOrder() {
        long st = newShowtime();
        try (SseStream stream = SseStream.showtime(st)) {
            stream.next("snapshot", START);
            long bookingId = holdOk(st, nextId(), "A", 7);
            // complete and cancel are reported by the booking lifecycle's call to SeatChanges.committed; until
            // that call is wired they arrive with the periodic resync (3 s in tests), hence the longer waits
            Event held = stream.next("change", Duration.ofSeconds(3));
            Payments.completeOk(bookingId);
            Event booked = stream.next("change", Duration.ofSeconds(6));
            Payments.cancel(bookingId).then().statusCode(200);
            Event released = stream.next("change", Duration.ofSeconds(6));

            List<String> statuses = new ArrayList<>();
            for (Event event : List.of(held, booked, released)) {
                assertEquals(1, event.json().getList("seats").size(), event.data());
                assertEquals(1, event.json().getInt("seats[0].row"));
                assertEquals(7, event.json().getInt("seats[0].col"));
                assertEquals(bookingId, event.json().getLong("seats[0].booking_id"));
                statuses.add(event.json().getString("seats[0].status"));
            }
            assertEquals(List.of("on_hold", "booked", "released"), statuses);
            assertTrue(held.idNumber() < booked.idNumber() && booked.idNumber() < released.idNumber());
        }
    }

    @Test
    void unknownShowtimeIs404Problem() {
        try (SseStream stream = SseStream.showtime(987_000_000_123L)) {
            assertEquals(404, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("application/problem+json"));
            JsonPath problem = JsonPath.from(stream.body());
            assertEquals("showtime_not_found", problem.getString("error"));
            assertEquals(404, problem.getInt("status"));
        }
    }

    @Test
    void streamsBeyondTheLimitGet503WithRetryAfter() {
        awaitSubscribers(0);
        long st = newShowtime();
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // %test.booking.seats.live.max-subscribers
                SseStream stream = SseStream.showtime(st);
                open.add(stream);
                assertEquals(200, stream.status());
                stream.next("snapshot", START);
            }
            try (SseStream refused = SseStream.showtime(st)) {
                assertEquals(503, refused.status());
                assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
                assertEquals("5", refused.header("Retry-After"));
                JsonPath problem = JsonPath.from(refused.body());
                assertEquals("stream_limit_reached", problem.getString("error"));
                assertEquals(503, problem.getInt("status"));
            }
            open.remove(0).close();
            awaitSubscribers(7);
            try (SseStream again = SseStream.showtime(st)) {
                assertEquals(200, again.status());
                again.next("snapshot", START);
            }
        } finally {
            open.forEach(SseStream::close);
        }
        awaitSubscribers(0);
    }

    @Test
    void aClosedStreamIsForgotten() {
        awaitSubscribers(0);
        long st = newShowtime();
        SseStream stream = SseStream.showtime(st);
        stream.next("snapshot", START);
        assertEquals(1, (int) Metrics.value(SUBSCRIBERS));
        stream.close();
        awaitSubscribers(0);
        // the showtime is no longer watched: a hold now is not pushed anywhere, and nothing breaks
        holdOk(st, nextId(), "A", 1);
        try (SseStream again = SseStream.showtime(st)) {
            assertEquals(1, again.next("snapshot", START).json().getList("seats").size());
        }
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() {
        long st = newShowtime();
        try (SseStream stream = SseStream.showtime(st)) {
            stream.next("snapshot", START);
            assertEquals("heartbeat", stream.nextComment(Duration.ofSeconds(3)).text()); // every 1 s in tests
            assertEquals("heartbeat", stream.nextComment(Duration.ofSeconds(3)).text());
        }
    }

    @Test
    void theStreamIsDocumentedInOpenApi() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        String operation = "paths.'/api/showtimes/{id}/seats/stream'.get";
        assertNotNull(openapi.get(operation + ".responses.'200'.content.'text/event-stream'"));
        assertNotNull(openapi.get(operation + ".responses.'503'.headers.'Retry-After'"));
        assertNotNull(openapi.get(operation + ".responses.'404'.content.'application/problem+json'"));
        assertTrue(openapi.getString(operation + ".description").contains("snapshot"));
        assertNotNull(openapi.get("paths.'/api/bookings/showtime/{showtimeId}/seats'.get.responses.'304'"));
    }

    static void awaitSubscribers(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        double now;
        while ((now = Metrics.value(SUBSCRIBERS)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " live seat-map subscribers, still " + now);
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
