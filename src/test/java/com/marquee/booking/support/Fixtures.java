package com.marquee.booking.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Test data made through the public API only, so the same tests run against the packaged app and the
 * native binary. Every test makes its own showtimes and users: no test depends on another's data.
 */
public final class Fixtures {

    /** Ids unique within one test run (the test schema starts empty on every run). */
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1_000);

    private Fixtures() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A 10 x 20 showtime at 12.50 starting in two days. */
    public static long newShowtime() {
        return newShowtime(10, 20, "12.50");
    }

    public static long newShowtime(int rows, int cols, String price) {
        long id = nextId();
        putShowtime(id, rows, cols, price, Instant.now().plus(2, ChronoUnit.DAYS)).then().statusCode(201);
        return id;
    }

    public static Response putShowtime(long id, int rows, int cols, String price, Instant start) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("movie_id", 42, "screen_id", 7, "start_time", start.toString(),
                        "price", new java.math.BigDecimal(price), "num_rows", rows, "num_cols", cols))
                .put("/api/showtimes/{id}", id);
    }

    /** A seat as JSON: {@code seat("A", 1)} or {@code seat(1, 1)}. */
    public static Map<String, Object> seat(Object row, int col) {
        return Map.of("row", row, "col", col);
    }

    /** {@code hold(st, user, "A", 1, "A", 2)}: row/col pairs. */
    public static Response hold(long showtimeId, long userId, Object... rowColPairs) {
        List<Map<String, Object>> seats = new ArrayList<>();
        for (int i = 0; i < rowColPairs.length; i += 2) {
            seats.add(seat(rowColPairs[i], (Integer) rowColPairs[i + 1]));
        }
        return given().contentType(ContentType.JSON)
                .body(Map.of("user_id", userId, "showtime_id", showtimeId, "seats", seats))
                .post("/api/bookings/");
    }

    /** Holds and returns the new booking's id, failing the test unless it was created. */
    public static long holdOk(long showtimeId, long userId, Object... rowColPairs) {
        return hold(showtimeId, userId, rowColPairs).then().statusCode(201).extract().jsonPath()
                .getLong("booking_id");
    }

    public static Response booking(long bookingId) {
        return given().get("/api/bookings/{id}", bookingId);
    }

    public static String bookingStatus(long bookingId) {
        return booking(bookingId).then().statusCode(200).extract().path("booking.status");
    }

    public static int seatsBooked(long showtimeId) {
        return given().get("/api/showtimes/{id}", showtimeId).then().statusCode(200).extract()
                .path("seats_booked");
    }

    /** Active seats as the Theatre UI sees them. */
    public static List<Map<String, Object>> activeSeats(long showtimeId) {
        return given().get("/api/bookings/showtime/{id}/seats", showtimeId).then().statusCode(200).extract()
                .jsonPath().getList("seats");
    }
}
