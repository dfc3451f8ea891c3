package com.marquee.booking.integration;

import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.TestDb;
import com.marquee.booking.support.UpstreamProfile;
import com.marquee.booking.support.UpstreamStub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Upstream services failing: 500s, answers slower than the timeout, refused and reset connections, an
 * open circuit and its recovery, and what a booking does in each case: the Theatre Service is needed
 * unless a stored copy exists (then 503 only without one), the User and Movie services never fail a
 * booking. Limits are the scaled-down ones of {@link UpstreamProfile}.
 */
@QuarkusTest
@TestProfile(UpstreamProfile.class)
class UpstreamFailureTest {

    private static final String SLOW_BODY = "{}";
    /** Slower than any attempt may take. */
    private static final long SLOW_MILLIS = 5 * UpstreamProfile.TIMEOUT_MILLIS;

    @InjectUpstreamStub
    UpstreamStub stub;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    DataSource dataSource;

    TestDb db;

    @BeforeEach
    void freshCircuits() {
        db = new TestDb(dataSource);
        circuits.resetAll();
    }

    @AfterEach
    void healthyUpstreams() {
        stub.reset();
        circuits.resetAll();
    }

    // --- Theatre Service: needed for a showtime not stored here --------------------------------------

    @Test
    void theatreFailingWithoutAStoredCopyIs503AfterBoundedRetries() {
        long showtime = nextId();
        stub.json("/showtimes/" + showtime, 500, "{\"error\": \"boom\"}");

        hold(showtime, user(), "A", 1).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable"))
                .body("error", equalTo("service_unavailable"))
                .body("detail", containsString("Showtime " + showtime + " is not known here yet"))
                .body("$", not(hasKey("stack_trace")));

        assertEquals(3, stub.hits("/showtimes/" + showtime), "one try and two retries");
    }

    @Test
    void theatreSlowerThanTheTimeoutIs503WithinTheRetryBudget() {
        long showtime = nextId();
        stub.slow("/showtimes/" + showtime, SLOW_MILLIS, SLOW_BODY);

        long millis = timed(() -> hold(showtime, user(), "A", 1)).then().statusCode(503)
                .body("detail", containsString("cannot be reached (timeout)")).extract().time();

        assertTrue(millis < 3 * UpstreamProfile.TIMEOUT_MILLIS + 2000, "took " + millis + " ms");
    }

    @Test
    void theatreRefusingConnectionsCostsMilliseconds() {
        // the first call of a run pays for building the client; this is about the calls after it
        given().get("/api/showtimes/{id}", nextTheatreShowtime()).then().statusCode(200);
        long showtime = nextId();
        stub.stop();

        long millis = timed(() -> hold(showtime, user(), "A", 1)).then().statusCode(503).extract().time();

        assertTrue(millis < UpstreamProfile.TIMEOUT_MILLIS, "took " + millis + " ms");
    }

    @Test
    void theatreDroppingTheConnectionIs503() {
        long showtime = nextId();
        stub.resetConnection("/showtimes/" + showtime);

        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);
    }

    @Test
    void aShowtimeOnAScreenTheTheatreServiceDoesNotKnowIs503() {
        long showtime = nextId();
        stub.showtime(showtime, nextId(), null, "2030-03-01T19:30:00Z", "12.00");

        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);
    }

    @Test
    void theCircuitOpensSoADeadTheatreCostsNothingThenRecovers() {
        long showtime = nextId();
        long screen = nextId();
        String path = "/showtimes/" + showtime;
        stub.json(path, 500, "{}");

        // 3 failed attempts, then 1 more: 4 calls at a failure ratio over 0.5 open the circuit
        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);
        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);
        int hitsWhenOpen = stub.hits(path);
        long millis = given().get("/api/showtimes/{id}", showtime).then().statusCode(503)
                .body("detail", containsString("cannot be reached (circuit open)")).extract().time();
        assertEquals(hitsWhenOpen, stub.hits(path), "an open circuit calls nobody");
        assertTrue(millis < UpstreamProfile.TIMEOUT_MILLIS, "took " + millis + " ms");

        stub.showtime(showtime, screen, null, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10);
        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);
        sleep(UpstreamProfile.CIRCUIT_DELAY_MILLIS + 200);

        // half-open: one trial call goes through, succeeds and closes the circuit
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200).body("num_rows", equalTo(10));
        holdOk(nextTheatreShowtime(), user(), "A", 1);
    }

    // --- Theatre Service down, a stored copy exists ---------------------------------------------------

    @Test
    void aStoredCopyServesBookingsWhileTheTheatreServiceIsDown() {
        long showtime = nextTheatreShowtime();
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200);
        makeStale(showtime);
        stub.json("/showtimes/" + showtime, 500, "{}");
        double stale = Metrics.value("booking_upstream_degraded_total", "service", "theatre", "reason",
                "stale_copy");

        holdOk(showtime, user(), "A", 1);

        assertEquals(4, stub.hits("/showtimes/" + showtime), "one fetch, then a try and two retries");
        assertEquals(stale + 1, Metrics.value("booking_upstream_degraded_total", "service", "theatre", "reason",
                "stale_copy"));
    }

    @Test
    void aStoredCopyServesWhileTheTheatreServiceIsSlowOrUnreachable() {
        long showtime = nextTheatreShowtime();
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200);
        makeStale(showtime);

        stub.slow("/showtimes/" + showtime, SLOW_MILLIS, SLOW_BODY);
        holdOk(showtime, user(), "A", 1);
        stub.stop();
        holdOk(showtime, user(), "A", 2);
    }

    @Test
    void aStaleCopyIsRefreshedFromTheTheatreService() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, 1L, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10);
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200).body("price", equalTo(12.0f));

        stub.showtime(showtime, screen, 2L, "2030-03-02T19:30:00Z", "15.50").screen(screen, 12, 30);
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200).body("price", equalTo(12.0f));
        makeStale(showtime);

        given().get("/api/showtimes/{id}", showtime).then().statusCode(200)
                .body("price", equalTo(15.5f))
                .body("movie_id", equalTo(2))
                .body("start_time", equalTo("2030-03-02T19:30:00Z"))
                .body("num_rows", equalTo(12))
                .body("num_cols", equalTo(30));
        hold(showtime, user(), "L", 30).then().statusCode(201).body("booking.price_per_seat", equalTo(15.5f));
        assertEquals(2, stub.hits("/showtimes/" + showtime));
    }

    @Test
    void aRefreshNeverCutsOffHeldSeats() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, null, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 20);
        holdOk(showtime, user(), "J", 20);

        stub.screen(screen, 5, 5);
        makeStale(showtime);

        given().get("/api/showtimes/{id}", showtime).then().statusCode(200)
                .body("num_rows", equalTo(10))
                .body("num_cols", equalTo(20))
                .body("seats_booked", equalTo(1));
        assertEquals(db.activeSeats(showtime), db.counter(showtime));
    }

    @Test
    void aShowtimeTheTheatreServiceNoLongerKnowsIs404EvenWithAStoredCopy() {
        long showtime = nextTheatreShowtime();
        given().get("/api/showtimes/{id}", showtime).then().statusCode(200);
        makeStale(showtime);
        stub.json("/showtimes/" + showtime, 404, "{\"detail\": \"Not found.\"}");

        hold(showtime, user(), "A", 1).then().statusCode(404).body("error", equalTo("showtime_not_found"));
    }

    // --- User and Movie services: never fail a booking -----------------------------------------------

    @Test
    void bookingWorksWhileTheUserServiceIsDownAndTheSkipIsCounted() {
        long showtime = newShowtime();
        double skipped = Metrics.value("booking_upstream_degraded_total", "service", "user", "reason", "skipped");
        long failing = nextId();
        long slow = nextId();
        stub.json("/users/" + failing, 503, "{}").slow("/users/" + slow, SLOW_MILLIS, SLOW_BODY);

        holdOk(showtime, failing, "A", 1);
        long millis = timed(() -> hold(showtime, slow, "A", 2)).then().statusCode(201).extract().time();
        stub.stop();
        holdOk(showtime, nextId(), "A", 3);

        assertTrue(millis < 2 * UpstreamProfile.TIMEOUT_MILLIS + 2000, "took " + millis + " ms");
        assertEquals(skipped + 3, Metrics.value("booking_upstream_degraded_total", "service", "user", "reason",
                "skipped"));
    }

    @Test
    void bookingWorksWithoutTheMovieNameWhileTheMovieServiceIsDown() {
        long showtime = nextId();
        long screen = nextId();
        long movie = nextId();
        stub.showtime(showtime, screen, movie, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10)
                .json("/movies/" + movie, 500, "{}");
        double missing = Metrics.value("booking_upstream_degraded_total", "service", "movie", "reason",
                "no_details");

        long booking = hold(showtime, user(), "A", 1).then().statusCode(201)
                .body("booking", not(hasKey("movie"))).extract().jsonPath().getLong("booking_id");
        assertEquals(missing + 1, Metrics.value("booking_upstream_degraded_total", "service", "movie", "reason",
                "no_details"));

        // back up: the name was not cached while it was down
        stub.movie(movie, "Paris, Texas");
        given().get("/api/bookings/{id}", booking).then().statusCode(200)
                .body("booking.movie.name", equalTo("Paris, Texas"));
    }

    @Test
    void upstreamFailuresAreMeasuredByOutcome() {
        long showtime = nextId();
        stub.json("/showtimes/" + showtime, 500, "{}");
        double errors = Metrics.value("booking_upstream_calls_seconds_count", "service", "theatre", "outcome",
                "http_error");

        given().get("/api/showtimes/{id}", showtime).then().statusCode(503);

        assertEquals(errors + 3, Metrics.value("booking_upstream_calls_seconds_count", "service", "theatre",
                "outcome", "http_error"));
    }

    /** A showtime the Theatre Service knows (10 x 10, 12.00). */
    private long nextTheatreShowtime() {
        long showtime = nextId();
        long screen = nextId();
        stub.showtime(showtime, screen, null, "2030-03-01T19:30:00Z", "12.00").screen(screen, 10, 10);
        return showtime;
    }

    /** As if the copy had been fetched longer ago than booking.theatre.refresh-after. */
    private void makeStale(long showtime) {
        db.update("UPDATE showtimes SET refreshed_at = now() - interval '1 day' WHERE showtime_id = ?", showtime);
    }

    private long user() {
        long user = nextId();
        stub.user(user);
        return user;
    }

    private static Response timed(Supplier<Response> request) {
        return request.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
