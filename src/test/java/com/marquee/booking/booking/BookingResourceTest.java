package com.marquee.booking.booking;

import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BookingResourceTest {

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
                .body("poll_url", containsString("/api/bookings/"))
                .body("booking.user_id", equalTo((int) user))
                .body("booking.showtime_id", equalTo((int) st))
                .body("booking.status", equalTo("pending"))
                .body("booking.payment_id", nullValue())
                .body("booking.price_per_seat", equalTo(12.5f))
                .body("booking.amount_due", equalTo(25.0f))
                .body("booking", hasKey("hold_expiry_time"))
                .body("booking", hasKey("booking_time"))
                .body("booking", hasKey("created_at"))
                .body("booking", hasKey("updated_at"))
                .body("booking.seats", hasSize(2))
                .body("booking.seats[0].row", equalTo("A"))
                .body("booking.seats[0].row_number", equalTo(1))
                .body("booking.seats[0].row_label", equalTo("A"))
                .body("booking.seats[0].status", equalTo("on_hold"))
                .body("booking.seats[1].row", equalTo(2))
                .body("booking.seats[1].row_label", equalTo("B"))
                .body("booking.seats[1].col", equalTo(3));
    }
}
