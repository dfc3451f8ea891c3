package com.marquee.booking.booking;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Fixtures.putShowtime;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static com.marquee.booking.support.Payments.cancel;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.completeOk;
import static com.marquee.booking.support.Payments.completedPayment;
import static com.marquee.booking.support.Payments.confirm;
import static com.marquee.booking.support.Payments.createPayment;
import static com.marquee.booking.support.Payments.payment;
import static com.marquee.booking.support.Payments.paymentStatus;
import static com.marquee.booking.support.Payments.pendingPayment;
import static com.marquee.booking.support.Payments.process;
import static com.marquee.booking.support.Payments.refund;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class CheckoutResourceTest {

    @Test
    void aHoldCannotBePaidOrExtendedOnceItsShowtimeMovedIntoThePast() {
        long st = newShowtime(5, 5, "9.00");
        long bookingId = holdOk(st, nextId(), "A", 1);
        long paymentId = completedPayment("9.00");
        // the operator moves the showtime's start before now: the hold ends with it
        putShowtime(st, 5, 5, "9.00", Instant.now().minus(5, ChronoUnit.MINUTES)).then().statusCode(200);

        assertProblem(complete(bookingId), 409, "showtime-started");
        assertProblem(confirm(bookingId, paymentId), 409, "showtime-started");
        assertProblem(given().post("/api/showtimes/booking/{id}/extend-hold", bookingId), 409, "showtime-started");
        assertEquals("pending", booking(bookingId).path("booking.status"));
        booking(bookingId).then().body("booking.payment_id", nullValue());
        assertEquals("completed", paymentStatus(paymentId));
    }

    @Test
    void completeChargesTheAmountDueAndConfirms() {
        long st = newShowtime();
        long user = nextId();
        long bookingId = holdOk(st, user, "A", 1, "A", 2);

        Response completed = complete(bookingId);
        completed.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("message", equalTo("Booking completed"))
                .body("booking.booking_id", equalTo((int) bookingId))
                .body("booking.status", equalTo("confirmed"))
                .body("booking.payment_id", notNullValue())
                .body("booking", hasKey("hold_expiry_time"))
                .body("booking.hold_expiry_time", nullValue())
                .body("booking.seats.status", everyItem(equalTo("booked")))
                .body("booking.seats.hold_expiry_time", everyItem(nullValue()))
                .body("booking.payment.status", equalTo("completed"))
                .body("payment.status", equalTo("completed"))
                .body("payment.booking_id", equalTo((int) bookingId))
                .body("payment.created_by", equalTo("user:" + user))
                .body("payment.gateway_reference", startsWith("sim_"));
        JsonPath body = completed.jsonPath();
        assertEquals(body.getLong("booking.payment_id"), body.getLong("payment.payment_id"));
        assertTrue(completed.asString().contains("\"amount\":25.00"), completed.asString());

        booking(bookingId).then().statusCode(200)
                .body("booking.status", equalTo("confirmed"))
                .body("booking.payment.payment_id", equalTo(body.getInt("payment.payment_id")));
        // held and booked seats are both active: the counter does not move
        assertEquals(2, seatsBooked(st));
    }

    @Test
    void completeChargesThePriceTheSeatsWereHeldAt() {
        long st = nextId();
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS);
        putShowtime(st, 5, 5, "8.00", start).then().statusCode(201);
        long bookingId = holdOk(st, nextId(), 1, 1, 1, 2, 1, 3);
        putShowtime(st, 5, 5, "20.00", start).then().statusCode(200);

        complete(bookingId).then().statusCode(200).body("payment.amount", equalTo(24.0f))
                .body("booking.amount_due", equalTo(24.0f));
    }

    @Test
    void aSecondCompleteIsAConflictAndChargesNothing() {
        long bookingId = holdOk(newShowtime(), nextId(), "A", 1);
        long paymentId = completeOk(bookingId);

        assertProblem(complete(bookingId), 409, "booking-not-pending").body("detail", containsString("confirmed"));
        booking(bookingId).then().body("booking.status", equalTo("confirmed"))
                .body("booking.payment_id", equalTo((int) paymentId));
    }

    @Test
    void completeOfAnUnknownOrCancelledBookingIsRefused() {
        assertProblem(complete(987_654_321L), 404, "booking-not-found");

        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "A", 1);
        cancel(bookingId).then().statusCode(200);
        assertProblem(complete(bookingId), 409, "booking-not-pending");
        booking(bookingId).then().body("booking.status", equalTo("cancelled"))
                .body("booking.payment_id", nullValue());
        assertEquals(0, seatsBooked(st));
    }

    @Test
    void aDeclineKeepsTheBookingHeldAndAllowsARetry() {
        long st = newShowtime(4, 4, "10.13");
        long bookingId = holdOk(st, nextId(), "A", 1);
        String expiry = booking(bookingId).then().extract().path("booking.hold_expiry_time");

        assertProblem(complete(bookingId), 402, "payment-declined")
                .body("detail", containsString("declined"))
                .body("detail", containsString("booking " + bookingId + " stays pending"));
        // the failed payment is kept, the booking and its seats are untouched
        booking(bookingId).then().statusCode(200)
                .body("booking.status", equalTo("pending"))
                .body("booking.payment_id", nullValue())
                .body("booking.hold_expiry_time", equalTo(expiry))
                .body("booking.seats.status", everyItem(equalTo("on_hold")));
        assertEquals(1, seatsBooked(st));

        // a retry is allowed while the hold lasts (the simulator declines this amount again)
        assertProblem(complete(bookingId), 402, "payment-declined");
        assertEquals("pending", booking(bookingId).path("booking.status"));

        // paying another way and confirming ends the checkout
        long other = completedPayment("10.14");
        confirm(bookingId, other).then().statusCode(200)
                .body("booking.status", equalTo("confirmed"))
                .body("booking.payment_id", equalTo((int) other));
        assertEquals(1, seatsBooked(st));
    }

    @Test
    void confirmWithACompletedPaymentBooksTheSeats() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "D", 4, "D", 5);
        long paymentId = completedPayment("25.00");

        confirm(bookingId, paymentId).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("message", equalTo("Booking confirmed"))
                .body("booking.status", equalTo("confirmed"))
                .body("booking.payment_id", equalTo((int) paymentId))
                .body("booking.hold_expiry_time", nullValue())
                .body("booking.seats.status", everyItem(equalTo("booked")))
                .body("payment.payment_id", equalTo((int) paymentId));
        payment(paymentId).then().body("payment.booking_id", equalTo((int) bookingId))
                .body("payment.status", equalTo("completed"));
        assertEquals(2, seatsBooked(st));
    }

    @Test
    void confirmAcceptsAPaymentAboveTheAmountDueOrMadeForTheBooking() {
        long bookingId = holdOk(newShowtime(), nextId(), "E", 1);
        confirm(bookingId, completedPayment("50.00")).then().statusCode(200);

        long second = holdOk(newShowtime(), nextId(), "E", 1);
        long forIt = createPayment("12.50", "bob", second).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        process(forIt).then().statusCode(200);
        confirm(second, forIt).then().statusCode(200).body("booking.payment_id", equalTo((int) forIt));
    }

    @Test
    void confirmRefusesWhatCannotPayAndChangesNothing() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "F", 1, "F", 2); // 25.00 due

        assertProblem(confirm(987_654_321L, completedPayment("25.00")), 404, "booking-not-found");
        assertProblem(confirm(bookingId, 987_654_321L), 404, "payment-not-found");

        long pending = pendingPayment("25.00");
        assertProblem(confirm(bookingId, pending), 409, "payment-not-completed");
        assertEquals("pending", paymentStatus(pending));

        long failed = pendingPayment("25.00");
        given().post("/api/payments/{id}/fail", failed).then().statusCode(200);
        assertProblem(confirm(bookingId, failed), 409, "payment-not-completed");

        long refunded = completedPayment("25.00");
        refund(refunded).then().statusCode(200);
        assertProblem(confirm(bookingId, refunded), 409, "payment-not-completed");

        long tooLow = completedPayment("24.99");
        assertProblem(confirm(bookingId, tooLow), 409, "payment-insufficient")
                .body("detail", containsString("25.00"));
        payment(tooLow).then().body("payment.booking_id", nullValue());

        long otherBooking = holdOk(newShowtime(), nextId(), "A", 1);
        long usedElsewhere = completeOk(otherBooking);
        assertProblem(confirm(bookingId, usedElsewhere), 409, "payment-already-used")
                .body("detail", containsString(String.valueOf(otherBooking)));

        // a payment can only be made for a booking that is still pending
        assertProblem(createPayment("25.00", null, otherBooking), 409, "booking-not-pending");
        long pendingOther = holdOk(newShowtime(), nextId(), "A", 1);
        long madeForOther = createPayment("25.00", null, pendingOther).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        process(madeForOther).then().statusCode(200);
        assertProblem(confirm(bookingId, madeForOther), 409, "payment-already-used");

        // after all that, the booking is exactly as it was
        booking(bookingId).then().body("booking.status", equalTo("pending"))
                .body("booking.payment_id", nullValue())
                .body("booking.seats.status", everyItem(equalTo("on_hold")));
        assertEquals(2, seatsBooked(st));
    }

    @Test
    void confirmOfABookingThatIsNotPendingIsAConflict() {
        long confirmed = holdOk(newShowtime(), nextId(), "A", 1);
        long first = completeOk(confirmed);
        long spare = completedPayment("12.50");
        assertProblem(confirm(confirmed, spare), 409, "booking-not-pending");
        booking(confirmed).then().body("booking.payment_id", equalTo((int) first));
        payment(spare).then().body("payment.booking_id", nullValue());

        long cancelled = holdOk(newShowtime(), nextId(), "A", 1);
        cancel(cancelled).then().statusCode(200);
        assertProblem(confirm(cancelled, spare), 409, "booking-not-pending");
        booking(cancelled).then().body("booking.status", equalTo("cancelled"));
    }

    @Test
    void confirmNeedsAPaymentId() {
        long bookingId = holdOk(newShowtime(), nextId(), "A", 1);
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/bookings/{id}/confirm", bookingId),
                400, "invalid-request").body("errors[0].field", equalTo("payment_id"));
        assertProblem(given().contentType(ContentType.JSON).body("{\"payment_id\": \"5\"}")
                .post("/api/bookings/{id}/confirm", bookingId), 400, "invalid-request");
        assertProblem(given().contentType(ContentType.JSON).post("/api/bookings/{id}/confirm", bookingId), 400,
                "invalid-request");
        assertEquals("pending", booking(bookingId).path("booking.status"));
    }

    @Test
    void cancellingAConfirmedBookingRefundsItsPayment() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "G", 1, "G", 2);
        long paymentId = completeOk(bookingId);

        cancel(bookingId).then().statusCode(200)
                .body("booking.status", equalTo("cancelled"))
                .body("booking.payment.status", equalTo("refunded"))
                .body("booking.seats.status", everyItem(equalTo("released")));
        assertEquals("refunded", paymentStatus(paymentId));
        assertEquals(0, seatsBooked(st));
        assertProblem(refund(paymentId), 409, "payment-not-completed");
        assertNotEquals("confirmed", booking(bookingId).path("booking.status"));
    }
}
