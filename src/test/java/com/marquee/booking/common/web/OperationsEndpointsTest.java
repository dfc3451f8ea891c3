package com.marquee.booking.common.web;

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

import com.marquee.booking.support.Management;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Metrics;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What a platform and its operators rely on: probes, metrics, and a booking's life with no upstream
 * service configured (each upstream is optional). HTTP-only, so {@code OperationsEndpointsIT} runs it
 * against the packaged app; with {@code -Daot} that run also trains the JDK AOT cache.
 */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void probesAnswer() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("healthy"))
                .body("service", equalTo("booking-service"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void domainMetricsAreExposedForPrometheus() {
        long showtime = newShowtime();
        long user = nextId();
        double created = Metrics.value("booking_holds_created_total");
        double conflicts = Metrics.value("booking_holds_conflicts_total");
        double cancelled = Metrics.value("booking_bookings_cancelled_total", "reason", "user");

        long booking = holdOk(showtime, user, "A", 1);
        hold(showtime, user, "A", 1).then().statusCode(409);
        given().post("/api/bookings/{id}/cancel", booking).then().statusCode(200);

        assertEquals(created + 1, Metrics.value("booking_holds_created_total"));
        assertEquals(conflicts + 1, Metrics.value("booking_holds_conflicts_total"));
        assertEquals(cancelled + 1, Metrics.value("booking_bookings_cancelled_total", "reason", "user"));
        Management.given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE booking_holds_expired_total counter"))
                .body(containsString("# TYPE booking_bookings_confirmed_total counter"));
    }

    @Test
    void withoutUpstreamsAnyUserBooksAndNoMovieIsShown() {
        long showtime = newShowtime();

        hold(showtime, nextId(), "B", 2).then().statusCode(201)
                .body("booking", not(hasKey("movie")));
        hold(nextId(), nextId(), "A", 1).then().statusCode(404)
                .contentType("application/problem+json")
                .body("error", equalTo("showtime_not_found"));
    }
}
