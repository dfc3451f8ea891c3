package com.marquee.booking.security;

import static com.marquee.booking.security.OptionalModeTest.as;
import static com.marquee.booking.security.OptionalModeTest.hold;
import static com.marquee.booking.security.OptionalModeTest.holdOk;
import static com.marquee.booking.security.OptionalModeTest.paymentOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.common.security.AuthMode;
import com.marquee.booking.support.SseStream;
import com.marquee.booking.support.TestAuthMode;
import com.marquee.booking.support.TestRateLimiter;
import com.marquee.booking.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The {@code off} and {@code required} modes and the booking-creation limit, switched at run time in one app
 * ({@link TestAuthMode}, {@link TestRateLimiter}); the default mode is {@link OptionalModeTest}'s.
 */
@QuarkusTest
class AuthModesTest {

    @Inject
    TestAuthMode mode;

    @Inject
    TestRateLimiter limiter;

    @AfterEach
    void reset() {
        mode.reset();
        limiter.reset();
    }

    // --- off ------------------------------------------------------------------------------------------------

    @Test
    void offIgnoresTokensEntirely() {
        long owner = nextId();
        long showtime = newShowtime();
        long booking = holdOk(null, showtime, owner, 1, 1);
        mode.set(AuthMode.OFF);
        String stranger = Tokens.user(nextId());
        for (String token : List.of("not.a.token", stranger,
                Tokens.forUser(owner).expiresAt(Instant.now().minusSeconds(3600)).sign())) {
            as(token).get("/api/bookings/{id}", booking).then().statusCode(200);
            as(token).get("/api/bookings/user/{id}", owner).then().statusCode(200);
        }
        holdOk(stranger, showtime, owner, 1, 2);
        long payment = paymentOk(stranger, "2.00", "someone-else", null);
        as(stranger).post("/api/payments/{id}/fail", payment).then().statusCode(200);
        as(stranger).post("/api/bookings/{id}/cancel", booking).then().statusCode(200);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/bookings/{id}", booking).then().statusCode(200);
    }

    // --- required -------------------------------------------------------------------------------------------

    @Test
    void requiredRefusesEveryUserDataCallWithoutAToken() {
        long user = nextId();
        long showtime = newShowtime();
        long booking = holdOk(null, showtime, user, 1, 1);
        long payment = paymentOk(null, "2.00", null, null);
        mode.set(AuthMode.REQUIRED);

        Map<String, Object> seats = Map.of("user_id", user, "showtime_id", showtime,
                "seats", List.of(Map.of("row", 2, "col", 2)));
        Map<String, Object> showtimeBody = Map.of("movie_id", 1, "screen_id", 1, "start_time",
                Instant.now().plusSeconds(86_400).toString(), "price", new BigDecimal("9.00"), "num_rows", 5, "num_cols", 5);
        List<Response> calls = List.of(
                given().contentType(ContentType.JSON).body(seats).post("/api/bookings/"),
                given().get("/api/bookings/{id}", booking),
                given().get("/api/bookings/user/{id}", user),
                given().post("/api/bookings/{id}/complete", booking),
                given().contentType(ContentType.JSON).body(Map.of("payment_id", payment))
                        .post("/api/bookings/{id}/confirm", booking),
                given().post("/api/bookings/{id}/cancel", booking),
                given().post("/api/showtimes/booking/{id}/extend-hold", booking),
                given().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/api/payments/"),
                given().get("/api/payments/{id}", payment),
                given().post("/api/payments/{id}/process", payment),
                given().post("/api/payments/{id}/fail", payment),
                given().post("/api/payments/{id}/refund", payment),
                given().contentType(ContentType.JSON).body(showtimeBody).put("/api/showtimes/{id}", showtime));
        for (Response response : calls) {
            assertProblem(response, 401, "unauthorized")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"booking-service\""));
        }
        mode.reset();
        given().get("/api/bookings/{id}", booking).then().statusCode(200).body("booking.status", equalTo("pending"));
        given().get("/api/payments/{id}", payment).then().statusCode(200).body("payment.status", equalTo("pending"));
        assertEquals(1, com.marquee.booking.support.Fixtures.activeSeats(showtime).size());
    }

    @Test
    void requiredKeepsThePublicEndpointsPublic() {
        long showtime = newShowtime();
        holdOk(null, showtime, nextId(), 1, 1);
        mode.set(AuthMode.REQUIRED);

        given().get("/").then().statusCode(200);
        given().get("/health").then().statusCode(200);
        given().redirects().follow(false).get("/docs").then().statusCode(303);
        given().accept("application/json").get("/q/openapi").then().statusCode(200);
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200);
        given().get("/api/showtimes/{id}/seat-map", showtime).then().statusCode(200);
        given().get("/api/showtimes/{id}/seats", showtime).then().statusCode(200).body(not(containsString("user_id")));
        given().get("/api/bookings/showtime/{id}/seats", showtime).then().statusCode(200)
                .body(not(containsString("user_id")));
        given().contentType(ContentType.JSON).body(Map.of("seats", List.of(Map.of("row", 1, "col", 2))))
                .post("/api/showtimes/{id}/check-availability", showtime).then().statusCode(200)
                .body("available", equalTo(true));
        try (SseStream stream = SseStream.showtime(showtime)) {
            assertEquals(200, stream.status());
        }
        // the webhook answers to its Stripe signature, not to a token: refused for the signature, not with 401
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/payments/webhooks/stripe"), 400,
                "invalid-request");
    }

    @Test
    void requiredServesValidTokensByTheRules() {
        long me = nextId();
        String token = Tokens.user(me);
        long showtime = newShowtime();
        mode.set(AuthMode.REQUIRED);
        long booking = holdOk(token, showtime, me, 1, 1);
        as(token).get("/api/bookings/{id}", booking).then().statusCode(200);
        assertProblem(as(Tokens.user(nextId())).get("/api/bookings/{id}", booking), 403, "forbidden");
        as(Tokens.operator()).get("/api/bookings/{id}", booking).then().statusCode(200);
        assertProblem(as("not.a.token").get("/api/bookings/{id}", booking), 401, "unauthorized")
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    // --- the creation limit ------------------------------------------------------------------------------------

    @Test
    void bookingCreationIsLimitedPerClient() {
        long showtime = newShowtime();
        limiter.enable(2, 1, 1000);
        long me = nextId();
        String token = Tokens.user(me);
        holdOk(token, showtime, me, 1, 1);
        holdOk(token, showtime, me, 1, 2);
        assertProblem(hold(token, showtime, me, 1, 3), 429, "too-many-requests")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        // another user has a bucket of its own; requests without a token share their address' bucket
        long other = nextId();
        holdOk(Tokens.user(other), showtime, other, 2, 1);
        holdOk(null, showtime, nextId(), 3, 1);
        holdOk(null, showtime, nextId(), 3, 2);
        assertProblem(hold(null, showtime, nextId(), 3, 3), 429, "too-many-requests");
        // the refused holds held nothing; reads are not limited
        assertEquals(5, com.marquee.booking.support.Fixtures.activeSeats(showtime).size());
        as(token).get("/api/bookings/user/{id}", me).then().statusCode(200).body("bookings.size()", equalTo(2));
    }

    @Test
    void theLimitRefillsAndRemembersBoundedClients() throws InterruptedException {
        long showtime = newShowtime();
        limiter.enable(1, 120, 3); // a token every 0.5 s
        long me = nextId();
        String token = Tokens.user(me);
        holdOk(token, showtime, me, 1, 1);
        assertProblem(hold(token, showtime, me, 1, 2), 429, "too-many-requests").header("Retry-After", equalTo("1"));
        Thread.sleep(600);
        holdOk(token, showtime, me, 1, 2);
        for (int i = 0; i < 5; i++) {
            long user = nextId();
            holdOk(Tokens.user(user), showtime, user, 2, i + 1);
        }
        assertTrue(limiter.clients() <= 3, "remembered " + limiter.clients() + " clients");
    }
}
