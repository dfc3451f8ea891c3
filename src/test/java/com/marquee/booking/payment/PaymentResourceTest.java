package com.marquee.booking.payment;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.completeOk;
import static com.marquee.booking.support.Payments.completedPayment;
import static com.marquee.booking.support.Payments.createPayment;
import static com.marquee.booking.support.Payments.fail;
import static com.marquee.booking.support.Payments.payment;
import static com.marquee.booking.support.Payments.paymentStatus;
import static com.marquee.booking.support.Payments.pendingPayment;
import static com.marquee.booking.support.Payments.process;
import static com.marquee.booking.support.Payments.refund;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class PaymentResourceTest {

    @Test
    void createAnswers201WithAPendingPayment() {
        Response created = createPayment("20", "alice", null);
        created.then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/api/payments/" + created.path("payment.payment_id")))
                .body("message", equalTo("Payment created"))
                .body("payment.payment_id", notNullValue())
                .body("payment.status", equalTo("pending"))
                .body("payment.created_by", equalTo("alice"))
                .body("payment", hasKey("booking_id"))
                .body("payment.booking_id", nullValue())
                .body("payment", hasKey("gateway_reference"))
                .body("payment.gateway_reference", nullValue())
                .body("payment", hasKey("created_at"))
                .body("payment", hasKey("updated_at"));
        // money always with two decimals
        assertEquals(true, created.asString().contains("\"amount\":20.00"), created.asString());
    }

    @Test
    void createWorksWithoutTrailingSlashAndForABooking() {
        long booking = holdOk(newShowtime(), nextId(), "A", 1);
        given().contentType(ContentType.JSON).body(java.util.Map.of("amount", 12.5, "booking_id", booking))
                .post("/api/payments")
                .then().statusCode(201)
                .body("payment.booking_id", equalTo((int) booking))
                .body("payment.created_by", nullValue())
                .body("payment.amount", equalTo(12.5f));
    }

    @Test
    void createAcceptsTheMaximumAmount() {
        createPayment("100000", null, null).then().statusCode(201).body("payment.amount", equalTo(100000.0f));
        createPayment("0.01", null, null).then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"amount\": 0}", "{\"amount\": -5}", "{\"amount\": 100000.01}",
            "{\"amount\": 12.345}", "{\"amount\": \"20.00\"}", "{\"amount\": true}", "{\"amount\": null}",
            "{\"created_by\": \"x\"}" })
    void createRejectsInvalidAmounts(String body) {
        Response response = given().contentType(ContentType.JSON).body(body).post("/api/payments/");
        assertProblem(response, 400, "invalid-request").body("errors[0].field", equalTo("amount"));
    }

    @Test
    void createRejectsOtherInvalidFields() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"amount\": 5, \"booking_id\": \"7\"}")
                .post("/api/payments/"), 400, "invalid-request").body("errors[0].field", equalTo("booking_id"));
        assertProblem(given().contentType(ContentType.JSON).body("{\"amount\": 5, \"created_by\": \""
                + "x".repeat(256) + "\"}").post("/api/payments/"), 400, "invalid-request")
                .body("errors[0].field", equalTo("created_by"));
        assertProblem(given().contentType(ContentType.JSON).body("{\"amount\": ").post("/api/payments/"), 400,
                "invalid-request");
    }

    @Test
    void createForAnUnknownBookingIs404() {
        assertProblem(createPayment("10", null, 987_654_321L), 404, "booking-not-found");
    }

    @Test
    void getAnswersThePaymentOr404() {
        long id = pendingPayment("7.5");
        payment(id).then().statusCode(200).contentType(ContentType.JSON)
                .body("payment.payment_id", equalTo((int) id))
                .body("payment.status", equalTo("pending"))
                .body("$", not(hasKey("message")));
        assertProblem(payment(987_654_321L), 404, "payment-not-found");
    }

    @Test
    void processCompletesThroughTheGateway() {
        long id = pendingPayment("30.00");
        process(id).then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Payment completed"))
                .body("payment.status", equalTo("completed"))
                .body("payment.gateway_reference", startsWith("sim_"))
                .body("payment.failure_reason", nullValue());
        String reference = payment(id).then().statusCode(200).body("payment.status", equalTo("completed"))
                .extract().path("payment.gateway_reference");

        // completed is final for process and fail: 409 and nothing changes
        assertProblem(process(id), 409, "payment-not-pending");
        assertProblem(fail(id), 409, "payment-not-pending");
        payment(id).then().body("payment.status", equalTo("completed"))
                .body("payment.gateway_reference", equalTo(reference));
    }

    @Test
    void anAmountEndingIn13IsDeclinedAndTheFailureKept() {
        long id = pendingPayment("10.13");
        assertProblem(process(id), 402, "payment-declined")
                .body("detail", containsString("Payment " + id))
                .body("detail", containsString("declined"));
        payment(id).then().statusCode(200)
                .body("payment.status", equalTo("failed"))
                .body("payment.gateway_reference", startsWith("sim_"))
                .body("payment.failure_reason", containsString("declined"));

        assertProblem(process(id), 409, "payment-not-pending");
        assertProblem(refund(id), 409, "payment-not-completed");
        assertProblem(fail(id), 409, "payment-not-pending");
        assertEquals("failed", paymentStatus(id));
    }

    @Test
    void aPayerNamedDeclineIsDeclined() {
        long id = createPayment("25.00", "Please DECLINE me", null).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        assertProblem(process(id), 402, "payment-declined");
        assertEquals("failed", paymentStatus(id));
    }

    @Test
    void failMovesPendingToFailedOnly() {
        long id = pendingPayment("9.99");
        fail(id).then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Payment failed"))
                .body("payment.status", equalTo("failed"));
        assertProblem(fail(id), 409, "payment-not-pending");
        assertProblem(process(id), 409, "payment-not-pending");
        assertEquals("failed", paymentStatus(id));
    }

    @Test
    void refundMovesCompletedToRefundedOnly() {
        long pending = pendingPayment("15.00");
        assertProblem(refund(pending), 409, "payment-not-completed");
        assertEquals("pending", paymentStatus(pending));

        long id = completedPayment("15.00");
        refund(id).then().statusCode(200).contentType(ContentType.JSON)
                .body("message", equalTo("Payment refunded"))
                .body("payment.status", equalTo("refunded"))
                .body("$", not(hasKey("booking")));
        assertProblem(refund(id), 409, "payment-not-completed");
        assertProblem(process(id), 409, "payment-not-pending");
        assertProblem(fail(id), 409, "payment-not-pending");
        assertEquals("refunded", paymentStatus(id));
    }

    @Test
    void unknownPaymentsAre404ForEveryAction() {
        assertProblem(process(987_654_321L), 404, "payment-not-found");
        assertProblem(fail(987_654_321L), 404, "payment-not-found");
        assertProblem(refund(987_654_321L), 404, "payment-not-found");
    }

    @Test
    void refundCancelsTheConfirmedBookingItPaidForAndReleasesItsSeats() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "B", 1, "B", 2);
        long paymentId = completeOk(bookingId);
        assertEquals(2, seatsBooked(st));

        refund(paymentId).then().statusCode(200)
                .body("payment.status", equalTo("refunded"))
                .body("booking.booking_id", equalTo((int) bookingId))
                .body("booking.status", equalTo("cancelled"))
                .body("booking.cancel_reason", equalTo("refunded"))
                .body("booking.seats.status", everyItem(equalTo("released")));
        booking(bookingId).then().body("booking.status", equalTo("cancelled"))
                .body("booking.payment.status", equalTo("refunded"));
        assertEquals(0, seatsBooked(st));
        // the seats are free again
        hold(st, nextId(), "B", 1, "B", 2).then().statusCode(201);
        // and a cancelled booking cannot be completed again
        assertProblem(complete(bookingId), 409, "booking-not-pending");
    }

    @Test
    void refundOfAPaymentMadeForAPendingBookingLeavesTheBookingAlone() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "C", 1);
        long paymentId = createPayment("12.50", null, bookingId).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        process(paymentId).then().statusCode(200);
        refund(paymentId).then().statusCode(200).body("payment.status", equalTo("refunded"))
                .body("$", not(hasKey("booking")));
        booking(bookingId).then().body("booking.status", equalTo("pending"));
        assertEquals(1, seatsBooked(st));
    }
}
