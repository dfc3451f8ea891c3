package com.marquee.booking.seat;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;
import com.marquee.booking.support.Concurrently.Call;
import com.marquee.booking.support.Metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The three polled seat reads carry a strong ETag and answer 304 to a poller that has the current one; a change
 * gives them a new one; and however many pollers ask, a showtime costs one query per change (HTTP only: also run
 * against the packaged app by {@link SeatReadCacheIT}).
 */
@QuarkusTest
class SeatReadCacheTest {

    static final String LOADS = "booking_seats_snapshot_loads_total";
    /**
     * The load counter is the instance's, not the showtime's: a showtime another test left watched is re-read every
     * resync interval (5 s) and may land in a measured window once. Without sharing, the counts would be 30 and 32.
     */
    static final int OTHERS = 1;

    @Test
    void uiListRevalidatesWithEtag() {
        revalidates("/api/bookings/showtime/{id}/seats", "seats");
    }

    @Test
    void takenSeatsRevalidateWithEtag() {
        revalidates("/api/showtimes/{id}/seats", "booked_seats");
    }

    @Test
    void seatMapRevalidatesWithEtag() {
        long st = newShowtime(3, 4, "10.00");
        Response first = given().get("/api/showtimes/{id}/seat-map", st);
        first.then().statusCode(200).header("Cache-Control", "no-cache").body("seat_map.B[1].status", equalTo("available"));
        String etag = first.header("ETag");
        given().header("If-None-Match", etag).get("/api/showtimes/{id}/seat-map", st).then().statusCode(304)
                .header("ETag", etag).body(emptyString());

        holdOk(st, nextId(), "B", 2);

        Response changed = given().header("If-None-Match", etag).get("/api/showtimes/{id}/seat-map", st);
        changed.then().statusCode(200).body("seat_map.B[1].status", equalTo("on_hold"));
        assertNotEquals(etag, changed.header("ETag"));
        // a chosen part of the map is rendered per request, with its own tag, and revalidates the same way
        Response part = given().queryParam("rows", "B").queryParam("cols", "2").get("/api/showtimes/{id}/seat-map", st);
        part.then().statusCode(200).body("seat_map.B", hasSize(2));
        given().queryParam("rows", "B").queryParam("cols", "2").header("If-None-Match", part.header("ETag"))
                .get("/api/showtimes/{id}/seat-map", st).then().statusCode(304);
        assertNotEquals(part.header("ETag"), changed.header("ETag"));
    }

    @Test
    void weakAndListedTagsMatchToo() {
        long st = newShowtime();
        String etag = given().get("/api/bookings/showtime/{id}/seats", st).header("ETag");
        given().header("If-None-Match", "W/" + etag).get("/api/bookings/showtime/{id}/seats", st).then().statusCode(304);
        given().header("If-None-Match", "\"other\", " + etag).get("/api/bookings/showtime/{id}/seats", st).then()
                .statusCode(304);
        given().header("If-None-Match", "*").get("/api/bookings/showtime/{id}/seats", st).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get("/api/bookings/showtime/{id}/seats", st).then().statusCode(200);
    }

    @Test
    void manyPollersCostOneQueryPerChange() {
        // a test before this one may have cut the database connections: until the change listener is back, every
        // snapshot is trusted only briefly and its reconnect invalidates them all (each costing a query here)
        awaitListening();
        long st = newShowtime();
        long loaded = System.nanoTime();
        given().get("/api/bookings/showtime/{id}/seats", st).then().statusCode(200);
        double before = Metrics.value(LOADS);
        for (int i = 0; i < 10; i++) {
            given().get("/api/bookings/showtime/{id}/seats", st).then().statusCode(200);
            given().get("/api/showtimes/{id}/seats", st).then().statusCode(200);
            given().get("/api/showtimes/{id}/seat-map", st).then().statusCode(200);
        }
        // none, unless this machine is so slow that the 2 s snapshot TTL ran out meanwhile
        assertTrue(Metrics.value(LOADS) - before <= ttlsSince(loaded) + OTHERS, "30 reads of an unchanged showtime ran "
                + (Metrics.value(LOADS) - before) + " queries");

        awaitListening();
        holdOk(st, nextId(), "A", 1);
        long changed = System.nanoTime();
        double beforeBurst = Metrics.value(LOADS);
        List<Answer> answers = Concurrently.times(32, new Call("GET", "/api/bookings/showtime/" + st + "/seats", null, null));
        answers.forEach(answer -> assertEquals(200, answer.status(), answer.toString()));
        answers.forEach(answer -> assertTrue(answer.body().contains("\"row\":1,\"col\":1"), answer.body()));
        double burst = Metrics.value(LOADS) - beforeBurst;
        assertTrue(burst >= 1 && burst <= 1 + ttlsSince(changed) + OTHERS, "32 parallel reads after a change ran " + burst
                + " queries");
    }

    private static void awaitListening() {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (Metrics.value("booking_seats_listener_up") < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the seat change listener did not come back within 15 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Snapshot TTLs (2 s in tests) that ran out since {@code start}: each may cost one more query. */
    private static long ttlsSince(long start) {
        return (System.nanoTime() - start) / 2_000_000_000L;
    }

    private static void revalidates(String path, String list) {
        long st = newShowtime();
        Response first = given().get(path, st);
        first.then().statusCode(200).contentType("application/json").header("Cache-Control", "no-cache")
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\"")).body(list, hasSize(0));
        String etag = first.header("ETag");
        assertEquals(etag, given().get(path, st).header("ETag"), "an unchanged showtime keeps its tag");

        given().header("If-None-Match", etag).get(path, st).then().statusCode(304).header("ETag", etag)
                .header("Cache-Control", "no-cache").body(emptyString());

        long bookingId = holdOk(st, nextId(), "C", 3);

        Response changed = given().header("If-None-Match", etag).get(path, st);
        changed.then().statusCode(200).header("ETag", not(equalTo(etag))).body(list, hasSize(1))
                .body(list + "[0].booking_id", equalTo((int) bookingId));
        given().header("If-None-Match", changed.header("ETag")).get(path, st).then().statusCode(304);
    }
}
