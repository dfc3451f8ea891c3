package com.marquee.booking.seat;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Seat reads served from memory stay right: a hold that runs out is free at read time with no query and no
 * write, and a test that changes rows behind the service's back sees its change on the very next read.
 */
@QuarkusTest
class SeatReadFreshnessTest {

    @Inject
    AgroalDataSource dataSource;

    TestDb db;

    @BeforeEach
    void db() {
        db = new TestDb(dataSource);
    }

    @Test
    void aHoldThatRunsOutIsFreeAtReadTimeWithoutAQuery() throws InterruptedException {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "B", 4);
        Instant expiry = Instant.now().plusMillis(1000);
        db.update("UPDATE booked_seats SET hold_expiry_time = ? WHERE booking_id = ?",
                expiry.atOffset(ZoneOffset.UTC), bookingId);
        long loaded = System.nanoTime();
        Response held = given().get("/api/bookings/showtime/{id}/seats", st);
        held.then().statusCode(200).body("seats", hasSize(1));
        double loads = Metrics.value(SeatReadCacheTest.LOADS);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis() + 100)); // past the expiry

        Response free = given().header("If-None-Match", held.header("ETag")).get("/api/bookings/showtime/{id}/seats", st);
        free.then().statusCode(200).body("seats", hasSize(0));
        assertNotEquals(held.header("ETag"), free.header("ETag"));
        given().get("/api/showtimes/{id}/seat-map", st).then().body("seat_map.B[3].status", equalTo("available"));
        // from memory: no query, unless this machine is so slow that the 2 s snapshot TTL ran out meanwhile
        long ttls = (System.nanoTime() - loaded) / 2_000_000_000L;
        assertTrue(Metrics.value(SeatReadCacheTest.LOADS) - loads <= ttls, "answered from memory");
    }

    @Test
    void aWriteBehindTheServicesBackIsSeenByTheNextRead() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "C", 1);
        given().get("/api/showtimes/{id}/seats", st).then().body("booked_seats", hasSize(1)); // now in memory
        db.expireHold(bookingId);
        given().get("/api/showtimes/{id}/seats", st).then().body("booked_seats", hasSize(0));
        db.update("UPDATE showtimes SET num_cols = 5 WHERE showtime_id = ?", st);
        given().get("/api/showtimes/{id}/seat-map", st).then().body("cols", equalTo(5));
    }
}
