package com.marquee.booking.seat;

import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Even a writer that ignores the showtime lock cannot double-book: the active-seat unique index stops the
 * second insert, and the client sees a 409, never a 500.
 */
@QuarkusTest
class ActiveSeatBackstopTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void uniqueIndexViolationBecomesSeatsUnavailable() throws Exception {
        long st = newShowtime();
        TestDb db = new TestDb(dataSource);
        try (Connection rogue = dataSource.getConnection()) {
            rogue.setAutoCommit(false);
            try (PreparedStatement booking = rogue.prepareStatement("INSERT INTO bookings (booking_id, user_id,"
                    + " showtime_id, booking_time, status, hold_expiry_time, price_per_seat, seat_count)"
                    + " VALUES (?, 1, ?, now(), 'pending', now() + interval '10 minutes', 12.50, 1)");
                    PreparedStatement seat = rogue.prepareStatement("INSERT INTO booked_seats (booked_seat_id,"
                            + " booking_id, showtime_id, seat_row, seat_col, row_as_letter, status, hold_expiry_time)"
                            + " VALUES (?, ?, ?, 1, 1, true, 'on_hold', now() + interval '10 minutes')")) {
                booking.setLong(1, st);
                booking.setLong(2, st);
                booking.executeUpdate();
                seat.setLong(1, st);
                seat.setLong(2, st);
                seat.setLong(3, st);
                seat.executeUpdate();
            }
            String rogueXid;
            try (PreparedStatement xid = rogue.prepareStatement("SELECT pg_current_xact_id()::text");
                    ResultSet rs = xid.executeQuery()) {
                rs.next();
                rogueXid = rs.getString(1);
            }
            // the service cannot see the uncommitted seat, so its insert waits on the index entry ...
            CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> hold(st, 2, "A", 1));
            awaitWaiterOn(db, rogueXid);
            // ... and fails with a unique violation once the rogue writer commits
            rogue.commit();
            held.get(10, TimeUnit.SECONDS).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("error", equalTo("seats_unavailable"));
        }
        assertEquals(1, db.activeSeats(st));
        assertEquals(0, db.counter(st), "the failed hold rolled back its counter change");
    }

    /** Until a transaction waits for {@code xid} to end (the hold's insert on the rogue's index entry), at most 10 s. */
    private static void awaitWaiterOn(TestDb db, String xid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted"
                + " AND transactionid::text = ?", xid) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hold never waited on the rogue writer's seat");
            }
            Thread.sleep(20);
        }
    }
}
