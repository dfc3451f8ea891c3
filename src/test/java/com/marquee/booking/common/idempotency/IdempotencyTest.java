package com.marquee.booking.common.idempotency;

import static com.marquee.booking.support.Fixtures.activeSeats;
import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;
import com.marquee.booking.support.Concurrently.Call;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Idempotency-Key on the three POSTs that create or charge, over HTTP only. */
@QuarkusTest
class IdempotencyTest {

    private static final String KEY = "Idempotency-Key";

    @Test
    void aRetriedBookingCreateReplaysTheFirstAnswer() {
        long st = newShowtime();
        long user = nextId();
        String key = UUID.randomUUID().toString();

        Response first = createBooking(key, "{\"user_id\": " + user + ", \"showtime_id\": " + st
                + ", \"seats\": [{\"row\": \"A\", \"col\": 1}]}");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        // the same request with other whitespace and key order is the same request
        Response retry = createBooking(key, "{ \"seats\":[{\"col\":1,\"row\":\"A\"}],\"showtime_id\":" + st
                + ",\"user_id\":" + user + " }");

        retry.then().statusCode(201).contentType(ContentType.JSON).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        given().get("/api/bookings/user/{id}", user).then().statusCode(200).body("bookings", hasSize(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        long st = newShowtime();
        long user = nextId();
        String key = UUID.randomUUID().toString();
        createBooking(key, bookingBody(user, st, "A", 1)).then().statusCode(201);

        assertProblem(createBooking(key, bookingBody(user, st, "A", 2)), 422, "idempotency-key-reused");

        given().get("/api/bookings/user/{id}", user).then().body("bookings", hasSize(1));
        assertEquals(1, activeSeats(st).size());
    }

    @Test
    void keysAreScopedToTheirEndpoint() {
        String key = UUID.randomUUID().toString();
        createBooking(key, bookingBody(nextId(), newShowtime(), "A", 1)).then().statusCode(201);
        createPayment(key, "{\"amount\": 10}").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aRetriedCompleteDoesNotChargeAgain() {
        long bookingId = holdOk(newShowtime(), nextId(), "B", 1);
        String key = UUID.randomUUID().toString();

        Response first = complete(bookingId, key);
        first.then().statusCode(200).body("booking.status", equalTo("confirmed"));
        Response retry = complete(bookingId, key);

        // without the key the retry would be a 409; with it, the same 200 and the same payment
        retry.then().statusCode(200).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        booking(bookingId).then().body("booking.payment_id", equalTo(first.path("payment.payment_id")));
        // a new key is a new request: the booking is no longer pending
        assertProblem(complete(bookingId, UUID.randomUUID().toString()), 409, "booking-not-pending");
    }

    @Test
    void aRetriedDeclineReplaysThe402WithoutASecondCharge() {
        long bookingId = holdOk(newShowtime(3, 3, "7.13"), nextId(), "A", 1);
        String key = UUID.randomUUID().toString();

        Response first = complete(bookingId, key);
        assertProblem(first, 402, "payment-declined");
        Response retry = complete(bookingId, key);

        assertProblem(retry, 402, "payment-declined").header("Idempotent-Replayed", equalTo("true"));
        // the detail names the failed payment: a second charge would name another one
        assertEquals(first.asString(), retry.asString());
        assertEquals("pending", booking(bookingId).path("booking.status"));
    }

    @Test
    void aCompleteKeyCannotBeReusedForAnotherBooking() {
        long one = holdOk(newShowtime(), nextId(), "A", 1);
        long two = holdOk(newShowtime(), nextId(), "A", 1);
        String key = UUID.randomUUID().toString();
        complete(one, key).then().statusCode(200);

        assertProblem(complete(two, key), 422, "idempotency-key-reused");
        assertEquals("pending", booking(two).path("booking.status"));
    }

    @Test
    void problemAnswersOfTheWorkAreReplayedToo() {
        String key = UUID.randomUUID().toString();
        Response first = complete(987_654_321L, key);
        assertProblem(first, 404, "booking-not-found");
        Response retry = complete(987_654_321L, key);
        assertProblem(retry, 404, "booking-not-found").header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), retry.asString());
    }

    @Test
    void aRetriedPaymentCreateReplaysAndNumbersCompareByValue() {
        String key = UUID.randomUUID().toString();
        Response first = createPayment(key, "{\"amount\": 20.5, \"created_by\": \"carol\"}");
        first.then().statusCode(201);
        Response retry = createPayment(key, "{\"created_by\": \"carol\", \"amount\": 20.50}");
        retry.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), retry.asString());

        assertProblem(createPayment(key, "{\"amount\": 21, \"created_by\": \"carol\"}"), 422,
                "idempotency-key-reused");
        // and without a key every create is new
        long a = given().contentType(ContentType.JSON).body("{\"amount\": 1}").post("/api/payments").then()
                .statusCode(201).extract().jsonPath().getLong("payment.payment_id");
        long b = given().contentType(ContentType.JSON).body("{\"amount\": 1}").post("/api/payments").then()
                .statusCode(201).extract().jsonPath().getLong("payment.payment_id");
        assertNotEquals(a, b);
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsKey() {
        String key = UUID.randomUUID().toString();
        assertProblem(createPayment(key, "{\"amount\": 0}"), 400, "invalid-request");
        createPayment(key, "{\"amount\": 3}").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void anUnusableKeyIs400() {
        assertProblem(createPayment("x".repeat(256), "{\"amount\": 3}"), 400, "invalid-request")
                .body("errors[0].field", equalTo(KEY));
        assertProblem(createPayment("with space", "{\"amount\": 3}"), 400, "invalid-request")
                .body("detail", containsString(KEY));
    }

    @Test
    void concurrentDuplicatesCreateOneBooking() {
        long st = newShowtime();
        long user = nextId();
        Call call = Call.post("/api/bookings/", bookingBody(user, st, "C", 3)).withKey(UUID.randomUUID().toString());

        List<Answer> answers = Concurrently.times(8, call);

        String created = answers.stream().filter(a -> a.status() == 201).map(Answer::body).findFirst()
                .orElseThrow(() -> new AssertionError(answers.toString()));
        for (Answer answer : answers) {
            assertTrue(answer.status() == 201 && answer.body().equals(created)
                    || answer.status() == 409 && answer.body().contains("\"error\":\"idempotency_request_in_progress\""),
                    answer.toString());
        }
        given().get("/api/bookings/user/{id}", user).then().body("bookings", hasSize(1));
        assertEquals(1, activeSeats(st).size());
    }

    private static String bookingBody(long user, long showtime, String row, int col) {
        return "{\"user_id\": " + user + ", \"showtime_id\": " + showtime + ", \"seats\": [{\"row\": \"" + row
                + "\", \"col\": " + col + "}]}";
    }

    private static Response createBooking(String key, String body) {
        return given().header(KEY, key).contentType(ContentType.JSON).body(body).post("/api/bookings/");
    }

    private static Response createPayment(String key, String body) {
        return given().header(KEY, key).contentType(ContentType.JSON).body(body).post("/api/payments/");
    }

    private static Response complete(long bookingId, String key) {
        return given().header(KEY, key).post("/api/bookings/{id}/complete", bookingId);
    }
}
