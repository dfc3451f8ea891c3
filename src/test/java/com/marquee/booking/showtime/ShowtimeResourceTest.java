package com.marquee.booking.showtime;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Fixtures.putShowtime;
import static com.marquee.booking.support.Fixtures.seat;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ShowtimeResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void putCreatesThenReplacesAShowtime() {
        long id = nextId();
        Instant start = Instant.parse("2031-05-01T19:30:00Z");
        putShowtime(id, 8, 12, "11.00", start).then().statusCode(201).contentType(ContentType.JSON)
                .body("showtime_id", equalTo((int) id))
                .body("movie_id", equalTo(42))
                .body("screen_id", equalTo(7))
                .body("start_time", equalTo("2031-05-01T19:30:00Z"))
                .body("price", equalTo(11.0f))
                .body("num_rows", equalTo(8))
                .body("num_cols", equalTo(12))
                .body("total_seats", equalTo(96))
                .body("seats_booked", equalTo(0))
                .body("seats_available", equalTo(96));
        putShowtime(id, 9, 12, "13.50", start).then().statusCode(200)
                .body("num_rows", equalTo(9))
                .body("price", equalTo(13.5f));
        given().get("/api/showtimes/{id}", id).then().statusCode(200)
                .body("num_rows", equalTo(9)).body("price", equalTo(13.5f));
    }

    @Test
    void unknownShowtimeIs404() {
        given().get("/api/showtimes/{id}", 555_555_555_555L).then().statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("/showtime-not-found"))
                .body("error", equalTo("showtime_not_found"));
        for (String path : new String[] { "/seats", "/seat-map" }) {
            given().get("/api/showtimes/555555555555" + path).then().statusCode(404).contentType(PROBLEM);
        }
        given().contentType(ContentType.JSON).body(Map.of("seats", List.of(seat("A", 1))))
                .post("/api/showtimes/555555555555/check-availability").then().statusCode(404);
    }

    @Test
    void priceChangeDoesNotTouchExistingBookings() {
        long st = newShowtime(5, 5, "10.00");
        long booked = holdOk(st, 1, "A", 1, "A", 2);
        putShowtime(st, 5, 5, "15.00", Instant.now().plus(2, ChronoUnit.DAYS)).then().statusCode(200);
        booking(booked).then().body("booking.price_per_seat", equalTo(10.0f)).body("booking.amount_due", equalTo(20.0f));
        hold(st, 2, "B", 1).then().statusCode(201).body("booking.price_per_seat", equalTo(15.0f));
    }

    @Test
    void screenCannotShrinkBelowHeldSeats() {
        long st = newShowtime(10, 10, "10.00");
        holdOk(st, 1, "J", 10);
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS);
        putShowtime(st, 9, 10, "10.00", start).then().statusCode(409).contentType(PROBLEM)
                .body("error", equalTo("screen_too_small"));
        given().get("/api/showtimes/{id}", st).then().body("num_rows", equalTo(10));
        putShowtime(st, 10, 10, "10.00", start).then().statusCode(200);
    }

    @Test
    void takenSeatsListsActiveSeatsInTheirBookingsNotation() {
        long st = newShowtime();
        long letters = holdOk(st, 1, "B", 3);
        long numbers = holdOk(st, 2, 4, 1);
        long cancelled = holdOk(st, 3, "C", 3);
        given().post("/api/bookings/{id}/cancel", cancelled).then().statusCode(200);
        given().get("/api/showtimes/{id}/seats", st).then().statusCode(200).contentType(ContentType.JSON)
                .body("showtime_id", equalTo((int) st))
                .body("booked_seats", hasSize(2))
                .body("booked_seats.row", contains("B", 4))
                .body("booked_seats.row_label", contains("B", "D"))
                .body("booked_seats.row_number", contains(2, 4))
                .body("booked_seats.booking_id", contains((int) letters, (int) numbers))
                .body("booked_seats.status", everyItem(equalTo("on_hold")));
    }

    @Test
    void seatMapCoversTheScreenByDefault() {
        long st = newShowtime(3, 4, "10.00");
        holdOk(st, 1, "B", 2);
        given().get("/api/showtimes/{id}/seat-map", st).then().statusCode(200).contentType(ContentType.JSON)
                .body("showtime_id", equalTo((int) st))
                .body("rows", contains("A", "B", "C"))
                .body("cols", equalTo(4))
                .body("seat_map.A", hasSize(4))
                .body("seat_map.A[0].row", equalTo("A"))
                .body("seat_map.A[0].col", equalTo(1))
                .body("seat_map.A[0].available", equalTo(true))
                .body("seat_map.A[0].status", equalTo("available"))
                .body("seat_map.B[1].available", equalTo(false))
                .body("seat_map.B[1].status", equalTo("on_hold"))
                .body("seat_map.C.available", everyItem(equalTo(true)));
    }

    @Test
    void seatMapFollowsTheRequestedRowsAndCols() {
        long st = newShowtime(5, 10, "10.00");
        holdOk(st, 1, 3, 2);
        Response map = given().queryParam("rows", "c,1,B").queryParam("cols", "3")
                .get("/api/showtimes/{id}/seat-map", st);
        map.then().statusCode(200)
                .body("rows", contains("C", 1, "B"))
                .body("cols", equalTo(3))
                .body("seat_map.C[1].status", equalTo("on_hold"))
                .body("seat_map.'1'[0].row", equalTo(1))
                .body("seat_map.B", hasSize(3));
        String json = map.asString();
        // keyed in request order
        assert json.indexOf("\"C\":[") < json.indexOf("\"1\":[") && json.indexOf("\"1\":[") < json.indexOf("\"B\":[")
                : json;
    }

    @Test
    void seatMapRejectsBadRowsAndCols() {
        long st = newShowtime(5, 10, "10.00");
        String[][] bad = { { "rows", "F" }, { "rows", "AA" }, { "rows", "0" }, { "rows", "A,,B" }, { "rows", "A,A" },
                { "rows", "1,a" }, { "rows", "x" }, { "cols", "0" }, { "cols", "101" }, { "cols", "11" },
                { "cols", "abc" }, { "cols", "-1" }, { "cols", "2.5" } };
        for (String[] param : bad) {
            given().queryParam(param[0], param[1]).get("/api/showtimes/{id}/seat-map", st).then()
                    .statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(param[0]));
        }
    }

    @Test
    void checkAvailabilityNamesUnavailableSeats() {
        long st = newShowtime();
        holdOk(st, 1, "A", 1);
        given().contentType(ContentType.JSON).body(Map.of("seats", List.of(seat("A", 2), seat(1, 3))))
                .post("/api/showtimes/{id}/check-availability", st).then().statusCode(200)
                .body("available", equalTo(true))
                .body("unavailable", empty())
                .body("message", equalTo("All 2 seats are available"));
        given().contentType(ContentType.JSON).body(Map.of("seats", List.of(seat("A", 2), seat(1, 1))))
                .post("/api/showtimes/{id}/check-availability", st).then().statusCode(200)
                .body("available", equalTo(false))
                .body("unavailable", hasSize(1))
                .body("unavailable[0].row", equalTo(1))
                .body("unavailable[0].col", equalTo(1))
                .body("unavailable[0].status", equalTo("on_hold"))
                .body("message", equalTo("A1 is not available"));
    }

    @Test
    void checkAvailabilityValidatesSeats() {
        long st = newShowtime(5, 5, "10.00");
        for (Object seats : new Object[] { List.of(), "A1", List.of(seat("F", 1)), List.of(seat("A", 0)),
                List.of(seat(true, 1)), List.of(seat("A", 1), seat(1, 1)) }) {
            given().contentType(ContentType.JSON).body(Map.of("seats", seats))
                    .post("/api/showtimes/{id}/check-availability", st).then().statusCode(400)
                    .contentType(PROBLEM);
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/showtimes/{id}/check-availability", st)
                .then().statusCode(400).body("errors[0].field", equalTo("seats"));
        given().contentType(ContentType.JSON).post("/api/showtimes/{id}/check-availability", st)
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void extendHoldAddsFiveMinutesByDefault() {
        long st = newShowtime();
        Response created = hold(st, 1, "A", 1);
        long id = created.then().statusCode(201).extract().jsonPath().getLong("booking_id");
        Instant before = Instant.parse(created.path("booking.hold_expiry_time"));
        Response extended = given().post("/api/showtimes/booking/{id}/extend-hold", id);
        extended.then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Hold extended by 5 minutes"))
                .body("booking.booking_id", equalTo((int) id))
                .body("booking.seats[0].hold_expiry_time", equalTo(extended.path("hold_expiry_time")));
        assertEquals(Duration.ofMinutes(5),
                Duration.between(before, Instant.parse(extended.path("hold_expiry_time"))));
        booking(id).then().body("booking.hold_expiry_time", equalTo(extended.path("hold_expiry_time")));
    }

    @Test
    void extendHoldIsCappedAtThirtyMinutesFromBooking() {
        long st = newShowtime();
        Response created = hold(st, 1, "A", 1);
        long id = created.then().statusCode(201).extract().jsonPath().getLong("booking_id");
        Instant bookedAt = Instant.parse(created.path("booking.booking_time"));
        given().contentType(ContentType.JSON).body(Map.of("additional_minutes", 10))
                .post("/api/showtimes/booking/{id}/extend-hold", id).then().statusCode(200)
                .body("message", equalTo("Hold extended by 10 minutes"));
        Response capped = given().contentType(ContentType.JSON).body(Map.of("additional_minutes", 30))
                .post("/api/showtimes/booking/{id}/extend-hold", id);
        capped.then().statusCode(200).body("message", containsString("the longest allowed"));
        assertEquals(bookedAt.plus(Duration.ofMinutes(30)), Instant.parse(capped.path("hold_expiry_time")));
        given().contentType(ContentType.JSON).body(Map.of("additional_minutes", 1))
                .post("/api/showtimes/booking/{id}/extend-hold", id).then().statusCode(409).contentType(PROBLEM)
                .body("error", equalTo("hold_extension_limit"));
        booking(id).then().body("booking.hold_expiry_time", equalTo(capped.path("hold_expiry_time")));
    }

    @Test
    void extendHoldNeverPassesTheShowtimeStart() {
        long st = nextId();
        Instant start = Instant.now().plus(12, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        putShowtime(st, 5, 5, "10.00", start).then().statusCode(201);
        long id = holdOk(st, 1, "A", 1);
        given().contentType(ContentType.JSON).body(Map.of("additional_minutes", 10))
                .post("/api/showtimes/booking/{id}/extend-hold", id).then().statusCode(200)
                .body("hold_expiry_time", equalTo(start.toString()));
    }

    @Test
    void extendHoldRejectsBadMinutesAndStates() {
        long st = newShowtime();
        long id = holdOk(st, 1, "A", 1);
        String expiry = booking(id).path("booking.hold_expiry_time");
        for (String body : new String[] { "{\"additional_minutes\":0}", "{\"additional_minutes\":31}",
                "{\"additional_minutes\":-5}", "{\"additional_minutes\":\"5\"}", "{\"additional_minutes\":2.5}",
                "[1]", "{" }) {
            given().contentType(ContentType.JSON).body(body).post("/api/showtimes/booking/{id}/extend-hold", id)
                    .then().statusCode(400).contentType(PROBLEM);
        }
        booking(id).then().body("booking.hold_expiry_time", equalTo(expiry));
        given().post("/api/showtimes/booking/{id}/extend-hold", 999_999_999_997L).then().statusCode(404)
                .contentType(PROBLEM).body("error", equalTo("booking_not_found"));
        given().post("/api/bookings/{id}/cancel", id).then().statusCode(200);
        given().post("/api/showtimes/booking/{id}/extend-hold", id).then().statusCode(409).contentType(PROBLEM)
                .body("error", equalTo("booking_not_pending"));
        booking(id).then().body("booking.hold_expiry_time", nullValue());
        assertEquals(0, seatsBooked(st));
    }
}
