package com.marquee.booking.booking;

import static com.marquee.booking.support.Fixtures.activeSeats;
import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.bookingStatus;
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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BookingResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void holdCreatesPendingBookingWithSeatsOnHold() {
        long st = newShowtime();
        long user = nextId();
        var created = hold(st, user, "A", 1, 2, 3);
        created.then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/api/bookings/" + created.path("booking_id")))
                .body("message", equalTo("Booking created"))
                .body("status", equalTo("pending"))
                .body("booking_id", notNullValue())
                .body("poll_url", equalTo("/api/bookings/" + created.path("booking_id")))
                .body("booking.booking_id", equalTo(created.path("booking_id")))
                .body("booking.user_id", equalTo((int) user))
                .body("booking.showtime_id", equalTo((int) st))
                .body("booking.status", equalTo("pending"))
                .body("booking.payment_id", nullValue())
                .body("booking.payment", nullValue())
                .body("booking.price_per_seat", equalTo(12.5f))
                .body("booking.amount_due", equalTo(25.0f))
                .body("booking.hold_expiry_time", endsWith("Z"))
                .body("booking.booking_time", endsWith("Z"))
                .body("booking", hasKey("created_at"))
                .body("booking", hasKey("updated_at"))
                .body("booking.seats", hasSize(2))
                .body("booking.seats[0].row", equalTo("A"))
                .body("booking.seats[0].col", equalTo(1))
                .body("booking.seats[0].row_number", equalTo(1))
                .body("booking.seats[0].row_label", equalTo("A"))
                .body("booking.seats[0].status", equalTo("on_hold"))
                .body("booking.seats[0].booking_id", equalTo(created.path("booking_id")))
                .body("booking.seats[0].showtime_id", equalTo((int) st))
                .body("booking.seats[0].hold_expiry_time", equalTo(created.path("booking.hold_expiry_time")))
                .body("booking.seats[1].row", equalTo(2))
                .body("booking.seats[1].row_label", equalTo("B"))
                .body("booking.seats[1].col", equalTo(3));
        Instant held = Instant.parse(created.path("booking.booking_time"));
        Instant expiry = Instant.parse(created.path("booking.hold_expiry_time"));
        assertEquals(10, ChronoUnit.MINUTES.between(held, expiry), "default hold is 10 minutes");
        assertEquals(2, seatsBooked(st));
    }

    @Test
    void collectionPostWorksWithAndWithoutTrailingSlash() {
        long st = newShowtime();
        given().contentType(ContentType.JSON)
                .body(Map.of("user_id", 1, "showtime_id", st, "seats", List.of(seat("A", 1))))
                .redirects().follow(false)
                .post("/api/bookings").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("user_id", 1, "showtime_id", st, "seats", List.of(seat("A", 2))))
                .redirects().follow(false)
                .post("/api/bookings/").then().statusCode(201);
    }

    @Test
    void secondHoldOnSameSeatConflictsAndChangesNothing() {
        long st = newShowtime();
        long first = holdOk(st, nextId(), "A", 1);
        hold(st, nextId(), "A", 1).then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", endsWith("/seats-unavailable"))
                .body("title", equalTo("Seats unavailable"))
                .body("status", equalTo(409))
                .body("error", equalTo("seats_unavailable"))
                .body("detail", equalTo("Seat A1 is already booked or on hold"))
                .body("instance", equalTo("/api/bookings/"))
                .body("seats", hasSize(1))
                .body("seats[0].row", equalTo("A"))
                .body("seats[0].col", equalTo(1));
        assertEquals("pending", bookingStatus(first));
        assertEquals(1, seatsBooked(st));
    }

    @Test
    void letterAndNumberRowsNameTheSameSeat() {
        long st = newShowtime();
        holdOk(st, nextId(), "c", 4);
        hold(st, nextId(), 3, 4).then().statusCode(409)
                .body("seats[0].row", equalTo(3))
                .body("seats[0].row_label", equalTo("C"));
    }

    @Test
    void holdIsAllOrNothing() {
        long st = newShowtime();
        holdOk(st, nextId(), "A", 1);
        hold(st, nextId(), "A", 2, "A", 1, "A", 3).then().statusCode(409)
                .body("detail", containsString("A1"))
                .body("seats", hasSize(1));
        // A2 and A3 were not held by the rejected request
        holdOk(st, nextId(), "A", 2, "A", 3);
        assertEquals(3, seatsBooked(st));
    }

    @Test
    void holdNamesEveryTakenSeat() {
        long st = newShowtime();
        holdOk(st, nextId(), "B", 1, "B", 2);
        hold(st, nextId(), "B", 1, "B", 2, "B", 3).then().statusCode(409)
                .body("detail", equalTo("Seats B1, B2 are already booked or on hold"))
                .body("seats.col", contains(1, 2));
    }

    @Test
    void holdOnUnknownShowtimeIs404() {
        hold(987_654_321_000L, 1, "A", 1).then().statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("/showtime-not-found"))
                .body("error", equalTo("showtime_not_found"))
                .body("detail", containsString("987654321000"));
    }

    @Test
    void seatOutsideTheScreenIs400AndHoldsNothing() {
        long st = newShowtime(5, 8, "9.00");
        hold(st, 1, "A", 1, "F", 1, "A", 9).then().statusCode(400).contentType(PROBLEM)
                .body("error", equalTo("invalid_request"))
                .body("errors.field", contains("seats[1]", "seats[2]"))
                .body("errors[0].message", containsString("outside the screen (5 rows x 8 seats)"));
        assertEquals(0, seatsBooked(st));
        assertEquals(List.of(), activeSeats(st));
    }

    @Test
    void showtimeThatStartedCannotBeBooked() {
        long st = nextId();
        putShowtime(st, 5, 5, "10.00", Instant.now().minus(1, ChronoUnit.MINUTES)).then().statusCode(201);
        hold(st, 1, "A", 1).then().statusCode(409).contentType(PROBLEM)
                .body("error", equalTo("showtime_started"));
        assertEquals(0, seatsBooked(st));
    }

    @Test
    void holdEndsNoLaterThanTheShowtimeStarts() {
        long st = nextId();
        Instant start = Instant.now().plus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        putShowtime(st, 5, 5, "10.00", start).then().statusCode(201);
        hold(st, 1, "A", 1).then().statusCode(201)
                .body("booking.hold_expiry_time", equalTo(start.toString()));
    }

    @Test
    void atMostTenSeatsPerBooking() {
        long st = newShowtime();
        List<Object> eleven = new ArrayList<>();
        for (int col = 1; col <= 11; col++) {
            eleven.add("A");
            eleven.add(col);
        }
        hold(st, 1, eleven.toArray()).then().statusCode(400)
                .body("errors[0].field", equalTo("seats"))
                .body("errors[0].message", containsString("at most 10"));
        holdOk(st, 1, eleven.subList(0, 20).toArray());
        assertEquals(10, seatsBooked(st));
    }

    @Test
    void getReturnsTheBooking() {
        long st = newShowtime();
        long id = holdOk(st, 77, "D", 5);
        booking(id).then().statusCode(200).contentType(ContentType.JSON)
                .body("booking.booking_id", equalTo((int) id))
                .body("booking.status", equalTo("pending"))
                .body("booking.seats[0].row", equalTo("D"))
                .body("booking.seats[0].col", equalTo(5))
                .body("booking.amount_due", equalTo(12.5f));
    }

    @Test
    void unknownBookingIs404Problem() {
        booking(999_999_999_999L).then().statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("/booking-not-found"))
                .body("title", equalTo("Booking not found"))
                .body("error", equalTo("booking_not_found"))
                .body("detail", equalTo("Booking 999999999999 does not exist"));
        given().get("/api/bookings/-5").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/bookings/abc").then().statusCode(404).contentType(PROBLEM)
                .body("error", equalTo("not_found"));
        given().get("/api/bookings/99999999999999999999999").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void userListingIsNewestFirstAndHidesCancelledByDefault() {
        long st = newShowtime();
        long user = nextId();
        long first = holdOk(st, user, "A", 1);
        long second = holdOk(st, user, "A", 2);
        long third = holdOk(st, user, "A", 3);
        holdOk(st, nextId(), "A", 4); // someone else's
        given().post("/api/bookings/{id}/cancel", second).then().statusCode(200);

        given().get("/api/bookings/user/{u}", user).then().statusCode(200)
                .body("bookings.booking_id", contains((int) third, (int) first))
                .body("bookings[0].seats[0].col", equalTo(3))
                .body("limit", equalTo(50))
                .body("offset", equalTo(0));
        given().queryParam("include_cancelled", "true").get("/api/bookings/user/{u}", user).then().statusCode(200)
                .body("bookings.booking_id", contains((int) third, (int) second, (int) first))
                .body("bookings[1].status", equalTo("cancelled"))
                .body("bookings[1].seats[0].status", equalTo("released"));
        given().queryParam("include_cancelled", "true").queryParam("limit", 1).queryParam("offset", 1)
                .get("/api/bookings/user/{u}", user).then().statusCode(200)
                .body("bookings.booking_id", contains((int) second));
        given().get("/api/bookings/user/{u}", nextId()).then().statusCode(200).body("bookings", empty());
    }

    @Test
    void userListingRejectsBadParameters() {
        for (String[] bad : new String[][] { { "limit", "0" }, { "limit", "abc" }, { "limit", "201" },
                { "offset", "-1" }, { "offset", "1.5" }, { "include_cancelled", "maybe" } }) {
            given().queryParam(bad[0], bad[1]).get("/api/bookings/user/5").then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors[0].field", equalTo(bad[0]));
        }
    }

    @Test
    void theatreUiSeeesActiveSeatsWithIntegerRows() {
        long st = newShowtime();
        long id = holdOk(st, 1, "B", 2, 3, 1);
        long cancelled = holdOk(st, 2, "E", 5);
        given().post("/api/bookings/{id}/cancel", cancelled).then().statusCode(200);
        given().get("/api/bookings/showtime/{id}/seats", st).then().statusCode(200).contentType(ContentType.JSON)
                .body("seats", hasSize(2))
                .body("seats.row", contains(2, 3))
                .body("seats.col", contains(2, 1))
                .body("seats.status", everyItem(equalTo("on_hold")))
                .body("seats.booking_id", everyItem(equalTo((int) id)));
        given().get("/api/bookings/showtime/{id}/seats", 123_456_789_987L).then().statusCode(200)
                .body("seats", empty());
    }

    @Test
    void cancelReleasesSeatsForOthers() {
        long st = newShowtime();
        long id = holdOk(st, 1, "A", 1, "A", 2);
        given().post("/api/bookings/{id}/cancel", id).then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Booking cancelled"))
                .body("booking.status", equalTo("cancelled"))
                .body("booking.hold_expiry_time", nullValue())
                .body("booking.cancel_reason", equalTo("user"))
                .body("booking.seats", hasSize(2))
                .body("booking.seats.status", everyItem(equalTo("released")));
        assertEquals(0, seatsBooked(st));
        holdOk(st, 2, "A", 1, "A", 2);
        assertEquals(2, seatsBooked(st));
    }

    @Test
    void cancellingTwiceIs409AndUnknownIs404() {
        long st = newShowtime();
        long id = holdOk(st, 1, "A", 1);
        given().post("/api/bookings/{id}/cancel", id).then().statusCode(200);
        given().post("/api/bookings/{id}/cancel", id).then().statusCode(409).contentType(PROBLEM)
                .body("error", equalTo("booking_already_cancelled"));
        given().post("/api/bookings/{id}/cancel", 999_999_999_998L).then().statusCode(404).contentType(PROBLEM)
                .body("error", equalTo("booking_not_found"));
        assertEquals(0, seatsBooked(st));
    }
}
