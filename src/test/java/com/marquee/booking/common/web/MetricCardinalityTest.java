package com.marquee.booking.common.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marquee.booking.support.Management;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Fixtures;
import com.marquee.booking.support.RawHttp;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile method tokens and paths cannot grow /q/metrics: 200 of each add a bounded number of
 * {@code http_server_requests} series, tagged {@code method="OTHER"} and {@code uri="UNMATCHED"}.
 */
@QuarkusTest
class MetricCardinalityTest {

    private static final Pattern SERIES = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} ", Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("(method|uri)=\"([^\"]*)\"");

    @Test
    void oddMethodsAndUnmatchedPathsShareASeries() throws Exception {
        Fixtures.newShowtime(); // a templated series: PUT /api/showtimes/{id}
        Set<String> before = series();
        Random random = new Random(20261127L);
        for (int i = 0; i < 200; i++) {
            String method = token(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-!#$", 3 + random.nextInt(10));
            String path = random.nextBoolean() ? "/api/bookings/" + random.nextInt(1_000_000)
                    : "/api/" + token(random, "abcdefghijklmnopqrstuvwxyz", 8);
            RawHttp.exchange(RawHttp.request(method, path, null));
        }
        for (int i = 0; i < 200; i++) {
            String id = Integer.toString(random.nextInt(1_000_000));
            String request = switch (i % 5) {
                case 0 -> RawHttp.request("DELETE", "/api/bookings/" + id, null); // 405 on a real path
                case 1 -> RawHttp.request("GET", "/api/bookings/%zz" + id, null); // 400 bad encoding
                case 2 -> RawHttp.request("GET", "/" + token(random, "abcdefghij", 10) + "/" + id, null); // 404
                case 3 -> RawHttp.request("GET", "/api/showtimes/" + id + "/" + "x".repeat(4_100), null); // 414
                default -> RawHttp.request("PATCH", "/api/payments/" + id + "/process", "{}"); // 405
            };
            RawHttp.exchange(request);
        }

        Set<String> after = series();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> methods = new TreeSet<>();
        Set<String> uris = new TreeSet<>();
        for (String labels : after) {
            for (Matcher tag = TAG.matcher(labels); tag.find();) {
                (tag.group(1).equals("method") ? methods : uris).add(tag.group(2));
            }
        }
        assertTrue(Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER").containsAll(methods),
                methods.toString());
        assertTrue(methods.contains("OTHER"), methods.toString());
        assertTrue(uris.contains("UNMATCHED") && uris.contains("/api/showtimes/{id}"), uris.toString());
        assertTrue(uris.stream().allMatch(uri -> uri.contains("{") || !uri.matches(".*[0-9%].*")), uris.toString());
        // each distinct method x uri x status once, however many requests: a handful, not hundreds
        assertTrue(added.size() <= 20, added.size() + " new series: " + added);
    }

    /** The labels of every http_server_requests series /q/metrics shows. */
    private static Set<String> series() {
        String metrics = Management.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> series = new TreeSet<>();
        for (Matcher line = SERIES.matcher(metrics); line.find();) {
            series.add(line.group(1));
        }
        return series;
    }

    private static String token(Random random, String alphabet, int length) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
