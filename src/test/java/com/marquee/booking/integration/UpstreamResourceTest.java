package com.marquee.booking.integration;

import static com.marquee.booking.support.Fixtures.activeSeats;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.UpstreamProfile;
import com.marquee.booking.support.UpstreamStub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The Theatre, User and Movie services answering (200 or 404), over real HTTP to a stub. HTTP-only, so
 * {@code UpstreamResourceIT} runs the same against the packaged app (and the native binary): these
 * answers are what native reflection and JSON mapping must get right. Failures are in
 * {@code UpstreamFailureTest}.
 */
@QuarkusTest
@TestProfile(UpstreamProfile.class)
class UpstreamResourceTest {

    @InjectUpstreamStub
    UpstreamStub stub;

    @Test
    void unknownShowtimeIsFetchedFromTheTheatreServiceStoredAndBookable() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, 77L, "2030-03-01T19:30:00Z", "\"14.00\"").screen(screen, 8, 12);

        given().get("/api/showtimes/{id}", showtime).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("showtime_id", equalTo((int) showtime))
                .body("screen_id", equalTo((int) screen))
                .body("movie_id", equalTo(77))
                .body("start_time", equalTo("2030-03-01T19:30:00Z"))
                .body("price", equalTo(14.0f))
                .body("num_rows", equalTo(8))
                .body("num_cols", equalTo(12))
                .body("seats_booked", equalTo(0));
        hold(showtime, user(), "H", 12).then().statusCode(201)
                .body("booking.price_per_seat", equalTo(14.0f));
        hold(showtime, user(), "I", 1).then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("outside the screen"));

        // fresh within booking.theatre.refresh-after: fetched once, whatever the traffic
        assertEquals(1, stub.hits("/showtimes/" + showtime));
        assertEquals(1, stub.hits("/screens/" + screen));
    }

    @Test
    void aStartTimeWithoutOffsetIsReadAsUtc() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, null, "2030-03-01T20:00:00", "9.5").screen(screen, 5, 5);

        given().get("/api/showtimes/{id}", showtime).then().statusCode(200)
                .body("start_time", equalTo("2030-03-01T20:00:00Z"))
                .body("price", equalTo(9.5f));
    }

    @Test
    void aShowtimeTheTheatreServiceDoesNotKnowIs404() {
        long showtime = nextId();

        hold(showtime, user(), "A", 1).then().statusCode(404)
                .contentType("application/problem+json")
                .body("error", equalTo("showtime_not_found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("Showtime " + showtime + " does not exist"));
        given().get("/api/showtimes/{id}/seat-map", showtime).then().statusCode(404)
                .body("error", equalTo("showtime_not_found"));
        given().get("/api/showtimes/{id}", showtime).then().statusCode(404);
    }

    @Test
    void showtimesMadeLocallyAreNeverFetched() {
        long showtime = newShowtime();

        holdOk(showtime, user(), "A", 1);
        given().get("/api/showtimes/{id}/seat-map", showtime).then().statusCode(200);

        assertEquals(0, stub.hits("/showtimes/" + showtime));
    }

    @Test
    void aUserTheUserServiceDoesNotKnowCannotBookAndNothingIsHeld() {
        long showtime = newShowtime();
        long stranger = nextId();

        hold(showtime, stranger, "A", 1).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/user-not-found"))
                .body("title", equalTo("User not found"))
                .body("error", equalTo("user_not_found"))
                .body("detail", equalTo("User " + stranger + " does not exist"));

        assertTrue(activeSeats(showtime).isEmpty());
    }

    @Test
    void aKnownUserIsAskedForOnceWithinTheCacheTtl() {
        long showtime = newShowtime();
        long user = user();

        holdOk(showtime, user, "A", 1);
        holdOk(showtime, user, "A", 2);

        assertEquals(1, stub.hits("/users/" + user));
    }

    @Test
    void bookingsCarryTheMovieNameWhenTheMovieServiceKnowsIt() {
        long showtime = nextId();
        long screen = nextId();
        long movie = nextId();
        long user = user();
        stub.showtime(showtime, screen, movie, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10)
                .movie(movie, "The Grand Budapest Hotel");

        long booking = hold(showtime, user, "A", 1).then().statusCode(201)
                .body("booking.movie.movie_id", equalTo((int) movie))
                .body("booking.movie.name", equalTo("The Grand Budapest Hotel"))
                .extract().jsonPath().getLong("booking_id");
        given().get("/api/bookings/{id}", booking).then().statusCode(200)
                .body("booking.movie.name", equalTo("The Grand Budapest Hotel"));
        given().get("/api/bookings/user/{id}", user).then().statusCode(200)
                .body("bookings[0].movie.movie_id", equalTo((int) movie));
        given().post("/api/bookings/{id}/cancel", booking).then().statusCode(200)
                .body("booking.movie.name", equalTo("The Grand Budapest Hotel"));

        assertEquals(1, stub.hits("/movies/" + movie));
    }

    @Test
    void upstreamAnswersAreNotHeldToTheRulesForClientInput() {
        long showtime = nextId();
        long screen = nextId();
        long movie = nextId();
        // a control character: refused from our clients, read as sent from an upstream
        stub.showtime(showtime, screen, movie, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10)
                .movie(movie, "Bell\\u0007 Jar");

        hold(showtime, user(), "A", 1).then().statusCode(201)
                .body("booking.movie.name", equalTo("Bell\u0007 Jar"));
    }

    @Test
    void aMovieTheMovieServiceDoesNotKnowIsLeftOut() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, nextId(), "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10);

        hold(showtime, user(), "A", 1).then().statusCode(201)
                .body("booking", not(hasKey("movie")));
    }

    @Test
    void upstreamCallsAndHoldsAreMeasured() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, null, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10);
        double calls = Metrics.value("booking_upstream_calls_seconds_count", "service", "theatre", "outcome",
                "success");
        double created = Metrics.value("booking_holds_created_total");
        double conflicts = Metrics.value("booking_holds_conflicts_total");
        long user = user();

        holdOk(showtime, user, "A", 1);
        hold(showtime, user, "A", 1).then().statusCode(409);

        assertEquals(calls + 2, Metrics.value("booking_upstream_calls_seconds_count", "service", "theatre",
                "outcome", "success"));
        assertEquals(created + 1, Metrics.value("booking_holds_created_total"));
        assertEquals(conflicts + 1, Metrics.value("booking_holds_conflicts_total"));
    }

    /** A user the User Service knows. */
    private long user() {
        long user = nextId();
        stub.user(user);
        return user;
    }
}
