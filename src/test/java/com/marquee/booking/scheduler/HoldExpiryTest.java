package com.marquee.booking.scheduler;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.bookingStatus;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Holds run out: the sweep releases them exactly once, and a new hold never waits for the sweep. */
@QuarkusTest
class HoldExpiryTest {

    @Inject
    HoldExpiryJob job;

    @Inject
    AgroalDataSource dataSource;

    TestDb db;

    @BeforeEach
    void sweepLeftovers() throws Throwable {
        db = new TestDb(dataSource);
        sweep();
    }

    @Test
    void sweepReleasesExactlyTheHoldsThatFellDue() throws Throwable {
        long st = newShowtime();
        long due1 = holdOk(st, 1, "A", 1, "A", 2);
        long due2 = holdOk(st, 2, "B", 1);
        long fresh = holdOk(st, 3, "C", 1);
        db.expireHold(due1);
        db.expireHold(due2);

        assertEquals(2, sweep());

        for (long id : new long[] { due1, due2 }) {
            booking(id).then().statusCode(200)
                    .body("booking.status", equalTo("cancelled"))
                    .body("booking.cancel_reason", equalTo("expired"))
                    .body("booking.hold_expiry_time", nullValue())
                    .body("booking.seats.status", everyItem(equalTo("released")));
        }
        assertEquals("pending", bookingStatus(fresh));
        assertEquals(1, seatsBooked(st));
        assertEquals(db.activeSeats(st), db.counter(st));
        assertEquals(0, sweep(), "nothing left to release");
        holdOk(st, 4, "A", 1, "A", 2, "B", 1);
    }

    @Test
    void twoSweepsAtOnceReleaseEachHoldOnce() throws Throwable {
        long st1 = newShowtime();
        long st2 = newShowtime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long st = i % 2 == 0 ? st1 : st2;
            ids.add(holdOk(st, i + 1, i / 20 + 1, i % 20 + 1));
        }
        db.update("UPDATE bookings SET hold_expiry_time = now() - interval '1 second'"
                + " WHERE showtime_id IN (?, ?)", st1, st2);
        db.update("UPDATE booked_seats SET hold_expiry_time = now() - interval '1 second'"
                + " WHERE showtime_id IN (?, ?)", st1, st2);

        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return sweep();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        int released = sweeps.stream().mapToInt(CompletableFuture::join).sum();

        assertEquals(60, released, "every hold released once in total");
        assertEquals(60, db.count("SELECT count(*) FROM bookings WHERE showtime_id IN (?, ?)"
                + " AND status = 'cancelled' AND cancel_reason = 'expired'", st1, st2));
        assertEquals(0, db.activeSeats(st1) + db.activeSeats(st2));
        assertEquals(0, db.counter(st1));
        assertEquals(0, db.counter(st2));
    }

    @Test
    void newHoldTakesAnExpiredSeatBeforeAnySweep() {
        long st = newShowtime();
        long old = holdOk(st, 1, "D", 4, "D", 5);
        db.expireHold(old);

        long fresh = holdOk(st, 2, "D", 4);

        booking(old).then().body("booking.status", equalTo("cancelled"))
                .body("booking.cancel_reason", equalTo("expired"))
                .body("booking.seats.status", everyItem(equalTo("released")));
        assertEquals("pending", bookingStatus(fresh));
        assertEquals(1, seatsBooked(st), "the old booking's other seat (D5) was released too");
        assertEquals(db.activeSeats(st), db.counter(st));
    }

    @Test
    void expiredHoldsAreFreeEverywhereBeforeTheSweep() {
        long st = newShowtime();
        long old = holdOk(st, 1, "F", 6);
        db.expireHold(old);
        given().get("/api/showtimes/{id}/seats", st).then().body("booked_seats.size()", equalTo(0));
        given().get("/api/bookings/showtime/{id}/seats", st).then().body("seats.size()", equalTo(0));
        given().queryParam("rows", "F").get("/api/showtimes/{id}/seat-map", st).then()
                .body("seat_map.F[5].status", equalTo("available"));
        given().contentType("application/json").body("{\"seats\":[{\"row\":\"F\",\"col\":6}]}")
                .post("/api/showtimes/{id}/check-availability", st).then().body("available", equalTo(true));
    }

    @Test
    void expiredHoldCannotBeExtended() {
        long st = newShowtime();
        long id = holdOk(st, 1, "A", 1);
        db.expireHold(id);
        given().post("/api/showtimes/booking/{id}/extend-hold", id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("error", equalTo("hold_expired"));
        assertEquals("pending", bookingStatus(id));
    }

    @Test
    void sweepDoesNotBlockOnABookingLockedByACheckout() throws Throwable {
        long st = newShowtime();
        long locked = holdOk(st, 1, "A", 1);
        long other = holdOk(st, 2, "A", 2);
        db.expireHold(locked);
        db.expireHold(other);
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(
                    "SELECT 1 FROM bookings WHERE booking_id = ? FOR UPDATE")) {
                statement.setLong(1, locked);
                statement.executeQuery();
            }
            assertEquals(1, sweep(), "the locked booking is skipped, the other released");
            connection.rollback();
        }
        assertEquals("pending", bookingStatus(locked));
        assertEquals("cancelled", bookingStatus(other));
        assertEquals(1, sweep());
        assertEquals(0, db.counter(st));
    }

    @Test
    void holdOfAnotherUserConflictsUntilTheHoldRunsOut() {
        long st = newShowtime();
        long first = holdOk(st, 1, "G", 1);
        hold(st, 2, "G", 1).then().statusCode(409);
        db.expireHold(first);
        hold(st, 2, "G", 1).then().statusCode(201);
    }

    private int sweep() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> job.sweep());
    }
}
