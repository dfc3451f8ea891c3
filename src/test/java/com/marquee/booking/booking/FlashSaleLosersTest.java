package com.marquee.booking.booking;

import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Once a showtime is contended (a hold on it was refused), holds of seats already taken are refused from the
 * shared seat snapshot without waiting for the showtime's row lock, while holds of free seats still go through
 * the lock. Proven with the lock held by another connection: the loser is answered while it is held.
 */
@QuarkusTest
class FlashSaleLosersTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLoserOfAContendedShowtimeIsRefusedWithoutTheShowtimeLock() throws Exception {
        long st = newShowtime(10, 10, "12.50");
        holdOk(st, nextId(), "A", 1);
        assertProblem(hold(st, nextId(), "A", 1), 409, "seats-unavailable"); // now contended

        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "SELECT 1 FROM showtimes WHERE showtime_id = ? FOR NO KEY UPDATE")) {
                lock.setLong(1, st);
                lock.executeQuery();
            }
            // the loser is answered although the showtime row is locked (the locked path would wait for it)
            assertProblem(hold(st, nextId(), "A", 1), 409, "seats-unavailable")
                    .body("seats[0].row_label", org.hamcrest.Matchers.equalTo("A"));
            // a free seat still needs the lock: it waits until the other transaction ends
            CompletableFuture<Integer> free = CompletableFuture.supplyAsync(() -> hold(st, nextId(), "A", 2).statusCode());
            Thread.sleep(300);
            assertEquals(false, free.isDone(), "a hold of a free seat must take the showtime lock");
            blocker.rollback();
            assertEquals(201, free.get(10, TimeUnit.SECONDS));
        }
    }
}
