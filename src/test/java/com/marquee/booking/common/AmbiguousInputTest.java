package com.marquee.booking.common;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Payments;
import com.marquee.booking.support.Problems;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * JSON that means two things (a key twice) or text PostgreSQL cannot keep (U+0000, control characters,
 * half a surrogate pair) is refused on every endpoint that reads JSON, with a 400 naming the field, and
 * changes nothing.
 */
@QuarkusTest
class AmbiguousInputTest {

    @Inject
    AgroalDataSource dataSource;

    private record Case(String method, String path, String body, String field) {
    }

    @Test
    void duplicateKeysAreRefusedAndChangeNothing() {
        long st = newShowtime(5, 5, "10.00");
        long booking = holdOk(st, nextId(), "A", 1);
        long payment = Payments.completedPayment("10.00");
        String showtime = "\"movie_id\":1,\"screen_id\":1,\"start_time\":\"2031-01-01T19:30:00Z\",\"num_rows\":5,"
                + "\"num_cols\":5";
        List<Case> cases = List.of(
                new Case("POST", "/api/bookings/", "{\"user_id\":1,\"showtime_id\":" + st
                        + ",\"seats\":[{\"row\":\"B\",\"col\":1}],\"seats\":[{\"row\":\"C\",\"col\":1}]}", "seats"),
                new Case("POST", "/api/bookings", "{\"user_id\":1,\"showtime_id\":" + st
                        + ",\"seats\":[{\"row\":\"B\",\"col\":1,\"col\":2}]}", "seats[0].col"),
                new Case("POST", "/api/bookings/" + booking + "/confirm", "{\"payment_id\":" + payment
                        + ",\"payment_id\":" + payment + "}", "payment_id"),
                new Case("POST", "/api/showtimes/" + st + "/check-availability",
                        "{\"seats\":[{\"row\":\"A\",\"row\":\"B\",\"col\":1}]}", "seats[0].row"),
                new Case("POST", "/api/showtimes/booking/" + booking + "/extend-hold",
                        "{\"additional_minutes\":1,\"additional_minutes\":30}", "additional_minutes"),
                new Case("PUT", "/api/showtimes/" + st, "{" + showtime + ",\"price\":1.00,\"price\":99.00}", "price"),
                new Case("POST", "/api/payments/", "{\"amount\":5.00,\"created_by\":\"a\",\"amount\":500.00}", "amount"),
                new Case("POST", "/api/payments", "{\"amount\":5.00,\"created_by\":\"a\",\"created_by\":\"b\"}",
                        "created_by"));
        assertRefusedWithoutChange(cases, "appears more than once");
    }

    @Test
    void textPostgresqlCannotKeepIsRefusedAndChangesNothing() {
        long st = newShowtime(5, 5, "10.00");
        long booking = holdOk(st, nextId(), "A", 1);
        String showtime = "\"movie_id\":1,\"screen_id\":1,\"price\":10.00,\"num_rows\":5,\"num_cols\":5";
        List<Case> cases = new java.util.ArrayList<>();
        for (String bad : new String[] { "a\\u0000b", "\\u0000", "x\\u0001y", "tab\\u001b[31m", "\\u007f", "\\u0085",
                "\\ud83c", "x\\udfac" }) {
            cases.add(new Case("POST", "/api/payments/", "{\"amount\":5.00,\"created_by\":\"" + bad + "\"}", "created_by"));
            cases.add(new Case("POST", "/api/payments", "{\"amount\":5.00,\"booking_id\":" + booking
                    + ",\"created_by\":\"" + bad + "\"}", "created_by"));
            cases.add(new Case("PUT", "/api/showtimes/" + st, "{" + showtime + ",\"start_time\":\"2031-01-01T19:30:00Z"
                    + bad + "\"}", "start_time"));
            cases.add(new Case("POST", "/api/bookings/", "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\""
                    + bad + "\",\"col\":2}]}", "seats[0].row"));
            cases.add(new Case("POST", "/api/showtimes/" + st + "/check-availability", "{\"seats\":[{\"row\":\"" + bad
                    + "\",\"col\":2}]}", "seats[0].row"));
            cases.add(new Case("POST", "/api/showtimes/booking/" + booking + "/extend-hold",
                    "{\"additional_minutes\":\"" + bad + "\"}", "additional_minutes"));
            cases.add(new Case("POST", "/api/bookings/" + booking + "/confirm", "{\"payment_id\":\"" + bad + "\"}",
                    "payment_id"));
        }
        assertRefusedWithoutChange(cases, null);
        // a tab, a newline and non-ASCII letters are ordinary text
        Payments.createPayment("5.00", "Zo\u00eb\tM\u00fcller\n\ud83c\udfac", null).then().statusCode(201)
                .body("payment.created_by", equalTo("Zo\u00eb\tM\u00fcller\n\ud83c\udfac"));
    }

    @Test
    void theFieldWithControlCharactersIsNamed() {
        Response response = given().contentType("application/json")
                .body("{\"amount\":5.00,\"created_by\":\"a\\u0000b\"}").post("/api/payments/");
        Problems.assertProblem(response, 400, "invalid-request")
                .body("errors[0].field", equalTo("created_by"))
                .body("errors[0].message", containsString("control character"))
                .body("detail", containsString("created_by"));
    }

    private void assertRefusedWithoutChange(List<Case> cases, String message) {
        TestDb db = new TestDb(dataSource);
        String before = HostileInputVolumeTest.snapshot(db);
        for (Case c : cases) {
            Response response = given().contentType("application/json").body(c.body()).request(c.method(), c.path());
            String what = c.method() + " " + c.path() + " " + c.body();
            assertEquals(400, response.statusCode(), what + " -> " + response.asString());
            Problems.assertProblem(response, 400, "invalid-request");
            if (c.field() != null) {
                assertEquals(c.field(), response.path("errors[0].field"), what + " -> " + response.asString());
            }
            if (message != null) {
                assertEquals(message, response.path("errors[0].message"), what);
            }
        }
        assertEquals(before, HostileInputVolumeTest.snapshot(db), "refused requests changed the database");
    }
}
