package com.marquee.booking.common;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A slow database (a row lock nobody releases) and more requests than connections: every request gets
 * an answer within bounded time, the overflow a 503 problem, and the service is whole afterwards.
 */
@QuarkusTest
class DatabaseSaturationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void burstAgainstALockedShowtimeFailsFastAndLeavesNothingBehind() throws Exception {
        long st = newShowtime();
        long other = newShowtime();
        long startedAt;
        List<Answer> answers;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "SELECT 1 FROM showtimes WHERE showtime_id = ? FOR UPDATE")) {
                lock.setLong(1, st);
                lock.executeQuery();
            }
            startedAt = System.nanoTime();
            answers = Concurrently.post("/api/bookings/", 60, i -> "{\"user_id\":" + (i + 1) + ",\"showtime_id\":" + st
                    + ",\"seats\":[{\"row\":" + (i / 20 + 1) + ",\"col\":" + (i % 20 + 1) + "}]}");
            blocker.rollback();
        }
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;

        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertEquals(Map.of(503, 60L), byStatus, "all wait at most the lock or pool timeout, then 503");
        for (Answer answer : answers) {
            JsonPath problem = JsonPath.from(answer.body());
            assertEquals("service_unavailable", problem.getString("error"), answer.body());
            assertEquals(503, problem.getInt("status"));
        }
        assertTrue(seconds < 15, "bounded waits, took " + seconds + "s");

        // nothing leaked: the pool serves at once, and nothing was held
        assertEquals(0, seatsBooked(st));
        holdOk(st, 1, "A", 1);
        holdOk(other, 1, "A", 1);
        assertEquals(1, seatsBooked(st));
    }
}
