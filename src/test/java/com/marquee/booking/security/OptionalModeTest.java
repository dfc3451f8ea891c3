package com.marquee.booking.security;

import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Problems.assertProblem;
import static com.marquee.booking.support.Tokens.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Fixtures;
import com.marquee.booking.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The default mode, {@code optional}: without a token everything works as before (the Theatre UI), with one the
 * rules apply and the token must be valid. HTTP only, so {@code OptionalModeIT} runs it against the packaged app.
 */
@QuarkusTest
class OptionalModeTest {

    // --- helpers --------------------------------------------------------------------------------------------

    static RequestSpecification as(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.header("Authorization", bearer(token));
    }

    static Response hold(String token, long showtime, long user, int row, int col) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("user_id", user, "showtime_id", showtime, "seats", List.of(Map.of("row", row, "col", col))))
                .post("/api/bookings/");
    }

    static long holdOk(String token, long showtime, long user, int row, int col) {
        return hold(token, showtime, user, row, col).then().statusCode(201).extract().jsonPath().getLong("booking_id");
    }

    static Response createPayment(String token, String amount, Object createdBy, Long bookingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", new BigDecimal(amount));
        if (createdBy != null) {
            body.put("created_by", createdBy);
        }
        if (bookingId != null) {
            body.put("booking_id", bookingId);
        }
        return as(token).contentType(ContentType.JSON).body(body).post("/api/payments/");
    }

    static long paymentOk(String token, String amount, Object createdBy, Long bookingId) {
        return createPayment(token, amount, createdBy, bookingId).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
    }

    static void assertForbidden(Response response) {
        assertProblem(response, 403, "forbidden").body("detail", containsString("token"));
    }

    static void assertInvalidToken(Response response) {
        assertProblem(response, 401, "unauthorized")
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    // --- no token: as before ----------------------------------------------------------------------------------

    @Test
    void theTheatreUiFlowNeedsNoToken() {
        long showtime = newShowtime();
        long user = nextId();
        long booking = holdOk(null, showtime, user, 3, 4); // integer rows, as the UI sends them
        given().get("/api/bookings/showtime/{id}/seats", showtime).then().statusCode(200)
                .body("seats[0].row", equalTo(3)).body("seats[0].booking_id", equalTo((int) booking));
        given().post("/api/bookings/{id}/complete", booking).then().statusCode(200);
        // the UI polls the booking until it is confirmed
        given().get("/api/bookings/{id}", booking).then().statusCode(200).body("booking.status", equalTo("confirmed"));
        given().get("/api/bookings/user/{id}", user).then().statusCode(200).body("bookings.size()", equalTo(1));
    }

    @Test
    void withoutATokenOperatorActionsWorkAsBefore() {
        long showtime = newShowtime();
        Fixtures.putShowtime(showtime, 10, 20, "13.00", Instant.now().plusSeconds(86_400)).then().statusCode(200);
        long payment = paymentOk(null, "5.00", 1, null);
        given().post("/api/payments/{id}/fail", payment).then().statusCode(200);
    }

    // --- bookings ----------------------------------------------------------------------------------------------

    @Test
    void anIdempotencyKeyNeverReplaysAnotherUsersPayment() {
        String key = "pay-" + nextId();
        long me = nextId();
        long paid = as(Tokens.user(me)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("amount", 10)).post("/api/payments/").then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        // the same key and body from another user is not the same request: 422, not my stored payment
        assertProblem(as(Tokens.user(nextId())).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("amount", 10)).post("/api/payments/"), 422, "idempotency-key-reused")
                .body("payment", org.hamcrest.Matchers.nullValue());
        // while my own retry is a replay
        as(Tokens.user(me)).header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("amount", 10))
                .post("/api/payments/").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("payment.payment_id", equalTo((int) paid));
    }

    @Test
    void aUserBooksOnlyForItself() {
        long showtime = newShowtime();
        long me = nextId();
        long other = nextId();
        String token = Tokens.user(me);
        holdOk(token, showtime, me, 1, 1);
        assertForbidden(hold(token, showtime, other, 1, 2));
        // refused before anything was held
        assertEquals(1, Fixtures.activeSeats(showtime).size());
    }

    @Test
    void aUserReadsAndListsOnlyItsOwnBookings() {
        long showtime = newShowtime();
        long me = nextId();
        long other = nextId();
        long mine = holdOk(null, showtime, me, 1, 1);
        long theirs = holdOk(null, showtime, other, 1, 2);
        String token = Tokens.user(me);

        as(token).get("/api/bookings/{id}", mine).then().statusCode(200).body("booking.user_id", equalTo((int) me));
        assertForbidden(as(token).get("/api/bookings/{id}", theirs));
        as(token).get("/api/bookings/user/{id}", me).then().statusCode(200).body("bookings.size()", equalTo(1));
        assertForbidden(as(token).get("/api/bookings/user/{id}", other));
        // an unknown booking is still 404 (ids are sequential: existence is no secret)
        assertProblem(as(token).get("/api/bookings/{id}", 999_999_999L), 404, "booking-not-found");

        for (String operator : List.of(Tokens.operator(), Tokens.operatorByRole())) {
            as(operator).get("/api/bookings/{id}", theirs).then().statusCode(200);
            as(operator).get("/api/bookings/user/{id}", other).then().statusCode(200).body("bookings.size()", equalTo(1));
        }
    }

    @Test
    void aUserChangesOnlyItsOwnBookings() {
        long showtime = newShowtime();
        long me = nextId();
        long other = nextId();
        long theirs = holdOk(null, showtime, other, 2, 1);
        String token = Tokens.user(me);

        assertForbidden(as(token).post("/api/bookings/{id}/cancel", theirs));
        assertForbidden(as(token).post("/api/bookings/{id}/complete", theirs));
        assertForbidden(as(token).contentType(ContentType.JSON).body(Map.of("additional_minutes", 5))
                .post("/api/showtimes/booking/{id}/extend-hold", theirs));
        long payment = paymentOk(token, "12.50", null, null);
        as(token).post("/api/payments/{id}/process", payment).then().statusCode(200);
        assertForbidden(as(token).contentType(ContentType.JSON).body(Map.of("payment_id", payment))
                .post("/api/bookings/{id}/confirm", theirs));
        // nothing happened to it
        given().get("/api/bookings/{id}", theirs).then().statusCode(200).body("booking.status", equalTo("pending"))
                .body("booking.payment_id", equalTo(null));

        String owner = Tokens.user(other);
        as(owner).contentType(ContentType.JSON).body(Map.of("additional_minutes", 5))
                .post("/api/showtimes/booking/{id}/extend-hold", theirs).then().statusCode(200);
        as(owner).post("/api/bookings/{id}/complete", theirs).then().statusCode(200)
                .body("booking.status", equalTo("confirmed"));
        as(owner).post("/api/bookings/{id}/cancel", theirs).then().statusCode(200)
                .body("booking.status", equalTo("cancelled"));
    }

    @Test
    void confirmTakesTheCallersOwnBookingAndPayment() {
        long showtime = newShowtime();
        long me = nextId();
        long other = nextId();
        String token = Tokens.user(me);
        long mine = holdOk(token, showtime, me, 4, 1);
        long theirPayment = paymentOk(Tokens.user(other), "12.50", null, null);
        as(Tokens.user(other)).post("/api/payments/{id}/process", theirPayment).then().statusCode(200);

        assertForbidden(as(token).contentType(ContentType.JSON).body(Map.of("payment_id", theirPayment))
                .post("/api/bookings/{id}/confirm", mine));

        long myPayment = paymentOk(token, "12.50", me, mine);
        as(token).post("/api/payments/{id}/process", myPayment).then().statusCode(200);
        as(token).contentType(ContentType.JSON).body(Map.of("payment_id", myPayment))
                .post("/api/bookings/{id}/confirm", mine).then().statusCode(200)
                .body("booking.status", equalTo("confirmed"));
    }

    // --- payments ---------------------------------------------------------------------------------------------

    @Test
    void aUsersPaymentsAreItsOwn() {
        long me = nextId();
        long other = nextId();
        String token = Tokens.user(me);

        // created_by absent: the caller; present: must name the caller (the seed's integer, or user:<id>)
        createPayment(token, "3.00", null, null).then().statusCode(201)
                .body("payment.created_by", equalTo("user:" + me));
        createPayment(token, "3.00", me, null).then().statusCode(201).body("payment.created_by", equalTo("" + me));
        createPayment(token, "3.00", "user:" + me, null).then().statusCode(201);
        assertForbidden(createPayment(token, "3.00", other, null));
        assertForbidden(createPayment(token, "3.00", "user:" + other, null));
        long theirBooking = holdOk(null, newShowtime(), other, 1, 1);
        assertForbidden(createPayment(token, "3.00", null, theirBooking));

        long mine = paymentOk(token, "4.00", null, null);
        long theirs = paymentOk(Tokens.user(other), "4.00", null, null);
        as(token).get("/api/payments/{id}", mine).then().statusCode(200);
        assertForbidden(as(token).get("/api/payments/{id}", theirs));
        assertForbidden(as(token).post("/api/payments/{id}/process", theirs));
        as(Tokens.operator()).get("/api/payments/{id}", theirs).then().statusCode(200);
        given().get("/api/payments/{id}", theirs).then().statusCode(200).body("payment.status", equalTo("pending"));
    }

    @Test
    void aPaymentForTheCallersBookingIsTheCallers() {
        long me = nextId();
        String token = Tokens.user(me);
        long booking = holdOk(token, newShowtime(), me, 1, 1);
        // someone else's payment naming it (created_by "tester") for my booking: mine too, through the booking
        long forMyBooking = paymentOk(null, "1.00", "tester", booking);
        as(token).get("/api/payments/{id}", forMyBooking).then().statusCode(200);
        long payment = as(token).post("/api/bookings/{id}/complete", booking).then().statusCode(200).extract()
                .jsonPath().getLong("payment.payment_id");
        as(token).get("/api/payments/{id}", payment).then().statusCode(200)
                .body("payment.booking_id", equalTo((int) booking));
    }

    @Test
    void onlyAnOperatorRefundsOrFailsAPayment() {
        long me = nextId();
        String token = Tokens.user(me);
        long pending = paymentOk(token, "6.00", null, null);
        long completed = paymentOk(token, "6.00", null, null);
        as(token).post("/api/payments/{id}/process", completed).then().statusCode(200);

        assertProblem(as(token).post("/api/payments/{id}/fail", pending), 403, "forbidden")
                .body("detail", containsString("operator"));
        assertProblem(as(token).post("/api/payments/{id}/refund", completed), 403, "forbidden");
        as(Tokens.operator()).post("/api/payments/{id}/fail", pending).then().statusCode(200)
                .body("payment.status", equalTo("failed"));
        as(Tokens.operatorByRole()).post("/api/payments/{id}/refund", completed).then().statusCode(200)
                .body("payment.status", equalTo("refunded"));
    }

    @Test
    void onlyAnOperatorChangesAShowtime() {
        long id = nextId();
        Map<String, Object> body = Map.of("movie_id", 1, "screen_id", 1, "start_time",
                Instant.now().plusSeconds(86_400).toString(), "price", new BigDecimal("9.00"), "num_rows", 5, "num_cols", 5);
        assertProblem(as(Tokens.user(nextId())).contentType(ContentType.JSON).body(body).put("/api/showtimes/{id}", id),
                403, "forbidden");
        given().get("/api/showtimes/{id}", id).then().statusCode(404);
        as(Tokens.operator()).contentType(ContentType.JSON).body(body).put("/api/showtimes/{id}", id).then()
                .statusCode(201);
        as(Tokens.operatorByRole()).contentType(ContentType.JSON).body(body).put("/api/showtimes/{id}", id).then()
                .statusCode(200);
    }

    // --- tokens that are not valid ------------------------------------------------------------------------------

    @Test
    void aTokenThatIsNotValidIsRefused() throws Exception {
        long me = nextId();
        long booking = holdOk(null, newShowtime(), me, 1, 1);
        Instant now = Instant.now();
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", Tokens.forUser(me).issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(300)).sign());
        tokens.put("not yet valid (nbf)", Tokens.forUser(me).notBefore(now.plusSeconds(600)).sign());
        tokens.put("issued in the future (iat)", Tokens.forUser(me).issuedAt(now.plusSeconds(600))
                .expiresAt(now.plusSeconds(4200)).sign());
        tokens.put("wrong key", Tokens.forUser(me).secret("another-secret-that-is-long-enough-to-sign-with-0123").sign());
        tokens.put("alg none", Tokens.forUser(me).unsigned());
        tokens.put("tampered", Tokens.tampered(Tokens.user(nextId()),
                Map.of("sub", "" + me, "iat", now.getEpochSecond(), "exp", now.getEpochSecond() + 3600)));
        tokens.put("RS256 with a key of its own", Tokens.forUser(me)
                .signedWith(AlgorithmIdentifiers.RSA_USING_SHA256, rsa.generateKeyPair().getPrivate()).sign());
        tokens.put("no exp", Tokens.forUser(me).without("exp").sign());
        tokens.put("sub not a user id", Tokens.forUser(me).claim("sub", "ada@example.com").sign());
        tokens.put("garbage", "not.a.token");

        for (var entry : tokens.entrySet()) {
            Response response = as(entry.getValue()).get("/api/bookings/{id}", booking);
            assertEquals(401, response.statusCode(), entry.getKey() + ": " + response.asString());
            assertInvalidToken(response);
            assertInvalidToken(hold(entry.getValue(), newShowtime(), me, 1, 1));
        }
        // the expiry message says what happened
        as(tokens.get("expired")).get("/api/bookings/{id}", booking).then().body("detail", containsString("expired"));
        // another scheme is not a token either
        assertProblem(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/bookings/{id}", booking), 401,
                "unauthorized");
        // nothing was held by the refused requests
        given().get("/api/bookings/user/{id}", me).then().body("bookings.size()", equalTo(1));
    }

    @Test
    void expiryAllowsASmallClockSkew() {
        long me = nextId();
        long booking = holdOk(null, newShowtime(), me, 1, 1);
        Instant now = Instant.now();
        String justExpired = Tokens.forUser(me).issuedAt(now.minusSeconds(3600)).expiresAt(now.minusSeconds(5)).sign();
        as(justExpired).get("/api/bookings/{id}", booking).then().statusCode(200);
        String slightlyEarly = Tokens.forUser(me).notBefore(now.plusSeconds(5)).sign();
        as(slightlyEarly).get("/api/bookings/{id}", booking).then().statusCode(200);
    }

    @Test
    void publicReadsIgnoreTokensAndShowNoPersonalData() {
        long showtime = newShowtime();
        holdOk(null, showtime, nextId(), 1, 1);
        for (String token : new String[] { null, "not.a.token" }) {
            as(token).get("/api/showtimes/{id}/seat-map", showtime).then().statusCode(200);
            as(token).get("/api/showtimes/{id}/seats", showtime).then().statusCode(200)
                    .body(not(containsString("user_id")));
            as(token).get("/api/bookings/showtime/{id}/seats", showtime).then().statusCode(200)
                    .body(not(containsString("user_id")));
            as(token).get("/api/showtimes/{id}", showtime).then().statusCode(200);
        }
    }
}
