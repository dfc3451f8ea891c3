package com.marquee.booking.common;

import static com.marquee.booking.support.Fixtures.activeSeats;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Everything a client can send wrong gets a 4xx problem+json that names the mistake, and changes
 * nothing. Never a 5xx, a stack trace or SQL.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";

    /** Bodies for POST /api/bookings/ that must each be refused with 400; %d is a real showtime. */
    private static final String[] BAD_BOOKINGS = {
            "{}",
            "[]",
            "\"seats\"",
            "null",
            "42",
            "{\"user_id\":\"1\",\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":1.5,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":true,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":1e3,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":99999999999999999999999999,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":-1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":0,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":null,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":[1],\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":{\"id\":1},\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":\"%d\",\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":-%d,\"seats\":[{\"row\":\"A\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":null}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":{\"row\":\"A\",\"col\":1}}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":\"A1\"}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[null]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[\"A1\"]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\"}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":true,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":1.5,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":1.0,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"1\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"AB\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\" \",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":0,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":-1,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"\u00e9\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"\uff21\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"\u0410\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"\ud83c\udfac\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A'; DROP TABLE bookings;--\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":\"1\"}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1.0}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":0}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":-3}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":99999}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1e308}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":false}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":21}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"K\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1},{\"row\":1,\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1},{\"row\":\"a\",\"col\":1}]}",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]} trailing",
            "{\"user_id\":1,\"showtime_id\":%d,\"seats\":[{\"row\":\"A\",\"col\":1}]",
            "{\"user_id\":1,,\"showtime_id\":%d}",
            "{'user_id':1,'showtime_id':%d}",
            "not json at all",
    };

    @Test
    void malformedBookingsAre400ProblemsAndHoldNothing() {
        long st = newShowtime();
        for (String template : BAD_BOOKINGS) {
            String body = template.replace("%d", Long.toString(st));
            Response response = given().contentType("application/json").body(body).post("/api/bookings/");
            assertProblem(response, body, 400);
            response.then().body("error", equalTo("invalid_request"));
        }
        assertEquals(0, seatsBooked(st));
        assertEquals(List.of(), activeSeats(st));
    }

    @Test
    void fieldErrorsNameTheFieldInTheBody() {
        long st = newShowtime();
        given().contentType("application/json")
                .body("{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"A\",\"col\":1},"
                        + "{\"row\":true,\"col\":2},{\"row\":\"B\",\"col\":\"3\"}]}")
                .post("/api/bookings/").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("seats[1].row", "seats[2].col"))
                .body("detail", startsWith("seats[1].row "));
        given().contentType("application/json")
                .body("{\"user_id\":\"7\",\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"A\",\"col\":1}]}")
                .post("/api/bookings/").then().statusCode(400)
                .body("errors[0].field", equalTo("user_id"))
                .body("errors[0].message", equalTo("must be an integer"));
        given().contentType("application/json")
                .body("{\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"A\",\"col\":1}]}")
                .post("/api/bookings/").then().statusCode(400)
                .body("errors[0].field", equalTo("user_id"));
    }

    @Test
    void deepOrHugeJsonIsRefused() {
        long st = newShowtime();
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertProblem(given().contentType("application/json").body("{\"user_id\":1,\"showtime_id\":" + st
                + ",\"seats\":" + deep + "}").post("/api/bookings/"), "deep", 400);
        String hugeNumber = "9".repeat(5_000);
        assertProblem(given().contentType("application/json").body("{\"user_id\":" + hugeNumber
                + ",\"showtime_id\":" + st + ",\"seats\":[]}").post("/api/bookings/"), "huge number", 400);
        List<String> manySeats = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            manySeats.add("{\"row\":\"A\",\"col\":" + (i % 20 + 1) + "}");
        }
        assertProblem(given().contentType("application/json").body("{\"user_id\":1,\"showtime_id\":" + st
                + ",\"seats\":[" + String.join(",", manySeats) + "]}").post("/api/bookings/"), "many seats", 400);
        String oversized = "{\"user_id\":1,\"showtime_id\":" + st + ",\"pad\":\"" + "x".repeat(200_000) + "\"}";
        Response tooBig = given().contentType("application/json").body(oversized).post("/api/bookings/");
        assertEquals(413, tooBig.statusCode(), "bodies over the limit are refused");
        assertEquals(0, seatsBooked(st));
    }

    @Test
    void wrongContentTypesAre415() {
        long st = newShowtime();
        String body = "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"A\",\"col\":1}]}";
        for (String type : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" }) {
            Response response = given().contentType(type).body(body).post("/api/bookings/");
            assertProblem(response, type, 415);
        }
        assertEquals(0, seatsBooked(st));
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        assertProblem(given().get("/api/nothing-here"), "unknown route", 404);
        assertProblem(given().delete("/api/bookings/1"), "DELETE", 405);
        assertProblem(given().get("/api/showtimes/abc"), "non-numeric id", 404);
        assertProblem(given().get("/api/showtimes/1.5/seat-map"), "float id", 404);
        assertProblem(given().post("/api/bookings/%F0%9F%8E%AC/cancel"), "emoji id", 404);
    }

    @Test
    void badShowtimeUpsertsAre400() {
        String[] bodies = {
                "{}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10,\"num_rows\":0,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10,\"num_rows\":101,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":-1,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":0,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10.001,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":1000001,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":\"10\",\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"tomorrow\",\"price\":10,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":12345,\"price\":10,\"num_rows\":5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10,\"num_rows\":5.5,\"num_cols\":10}",
                "{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10,\"num_rows\":5,\"num_cols\":10,\"movie_id\":-4}",
        };
        for (String body : bodies) {
            assertProblem(given().contentType("application/json").body(body).put("/api/showtimes/9191919191"),
                    body, 400);
        }
        given().get("/api/showtimes/9191919191").then().statusCode(404);
        assertProblem(given().contentType("application/json")
                .body("{\"start_time\":\"2030-01-01T19:00:00Z\",\"price\":10,\"num_rows\":5,\"num_cols\":10}")
                .put("/api/showtimes/-3"), "negative id", 400);
    }

    static void assertProblem(Response response, String what, int status) {
        response.then()
                .statusCode(describedAs(what, status))
                .contentType(PROBLEM)
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("error", notNullValue());
        String raw = response.asString();
        for (String leak : new String[] { "Exception", "at com.", "at io.", "SELECT", "INSERT", "jackson",
                "hibernate" }) {
            if (raw.contains(leak)) {
                throw new AssertionError("response to " + what + " leaks '" + leak + "': " + raw);
            }
        }
        assertThatStatusIs4xx(response.statusCode(), what);
    }

    private static org.hamcrest.Matcher<Integer> describedAs(String what, int status) {
        return org.hamcrest.Matchers.describedAs("status " + status + " for " + what, equalTo(status));
    }

    private static void assertThatStatusIs4xx(int status, String what) {
        org.hamcrest.MatcherAssert.assertThat("4xx for " + what, status,
                allOf(greaterThanOrEqualTo(400), lessThan(500)));
    }
}
