package com.marquee.booking.common;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.RawHttp;
import com.marquee.booking.support.TestDb;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thousands of generated hostile requests (seeded, so a failure replays): each breaks at least one rule
 * of the contract. Every answer must be a 4xx problem+json without internals, and the database must be
 * exactly as before.
 */
@QuarkusTest
class HostileInputVolumeTest {

    private static final int REQUESTS = 2_500;
    private static final int BROKEN_REQUESTS = 300;

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String[] HOSTILE_VALUES = {
            "null", "true", "false", "0", "-1", "-9223372036854775809", "9223372036854775808", "1e400", "-0.0",
            "1.5", "3.000000000000001", "\"\"", "\" \"", "\"A\"", "\"1\"", "\"AA\"", "\"\\u0000\"", "\"\\ud83c\"",
            "\"\u00c5\"", "\"\u0410\"", "\"\uff21\"", "\"' OR 1=1 --\"", "\"'; DROP TABLE bookings; --\"",
            "\"$(reboot)\"", "\"<script>alert(1)</script>\"", "\"%s%s%n\"", "\"../../etc/passwd\"", "[]", "{}",
            "[1,2,3]", "{\"row\":\"A\"}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\"" + "x".repeat(20_000) + "\"",
            "9".repeat(80), "{\"$gt\":\"\"}", "NaN", "Infinity", "0x10", "01", "+1", ".5", "1.", "\"2030-13-45T99:99:99Z\"",
            "\"2031-01-01T19:30:00Z\\u0000\"",
    };

    /** Text PostgreSQL cannot keep, or that has no place in a name: refused wherever a string is accepted. */
    private static final String[] UNSTORABLE_TEXT = {
            "\"a\\u0000b\"", "\"\\u0000\"", "\"\\u0001\"", "\"\\u001b[2J\"", "\"x\\u007f\"", "\"x\\u0085y\"",
            "\"\\udfff\"", "\"\\ud83cx\"",
    };

    @Inject
    AgroalDataSource dataSource;

    @Test
    void generatedHostileRequestsAreAllRefusedCleanly() throws Exception {
        Campaign campaign = new Campaign();
        Random random = new Random(20261124L);

        for (int i = 0; i < REQUESTS; i++) {
            Hostile request = generate(random, campaign.st, campaign.booking);
            HttpRequest.Builder builder = HttpRequest.newBuilder(Concurrently.uri(request.path))
                    .timeout(Duration.ofSeconds(10))
                    .method(request.method, HttpRequest.BodyPublishers.ofString(request.body));
            if (request.contentType != null) {
                builder.header("Content-Type", request.contentType);
            }
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            campaign.answered(request.method + " " + request.path + " " + abbreviate(request.body), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        }

        campaign.assertAllRefusedCleanly();
    }

    /**
     * Requests broken below the JSON: bad percent-encoding and illegal characters in the target, oversized URIs,
     * headers and bodies, no Host, odd method tokens. Sent over a raw socket; framing the HTTP codec itself refuses
     * (see HttpLayerProblemsTest) is left out, since it never reaches our code.
     */
    @Test
    void generatedBrokenRequestsAreProblemsToo() throws Exception {
        Campaign campaign = new Campaign();
        long st = campaign.st;
        long booking = campaign.booking;
        Random random = new Random(20261127L);
        String[] targets = { "/api/bookings/", "/api/bookings/" + booking + "/cancel", "/api/bookings/" + booking
                + "/complete", "/api/payments/", "/api/showtimes/" + st, "/api/showtimes/booking/" + booking
                + "/extend-hold", "/api/showtimes/" + st + "/seat-map?rows=A" };
        String json = "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"B\",\"col\":2}]}";

        for (int i = 0; i < BROKEN_REQUESTS; i++) {
            String target = targets[random.nextInt(targets.length)];
            String method = target.startsWith("/api/showtimes/" + st) && !target.contains("?") ? "PUT" : "POST";
            String raw = switch (random.nextInt(7)) {
                case 0 -> RawHttp.request(method, target + pick(random, "%", "%zz", "%E0%A4", "/%G1", "|", "{x}", "^",
                        "\\", "`", "%00", "%C0%AF"), json);
                case 1 -> RawHttp.request(method, target + "?pad=" + "p".repeat(4_100 + random.nextInt(10_000)), json);
                case 2 -> RawHttp.request(method, target, json, "X-Pad: " + "h".repeat(20_500 + random.nextInt(50_000)));
                case 3 -> method + " " + target + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + json.length() + "\r\nConnection: close\r\n\r\n" + json;
                case 4 -> RawHttp.request(method, target, "{\"pad\":\"" + "x".repeat(65_536 + random.nextInt(20_000)) + "\"}");
                case 5 -> chunked(method, target, 65_537 + random.nextInt(20_000));
                default -> RawHttp.request(pick(random, "FOO", "G3T", "POST_", "PATCHX", "M-SEARCH", "PURGE"), target, json);
            };
            RawHttp.Reply reply = RawHttp.exchange(raw);
            campaign.answered(abbreviate(raw), reply.status(), String.valueOf(reply.header("Content-Type")), reply.body());
        }

        campaign.assertAllRefusedCleanly();
    }

    /** One generated run: the rows it aims at, the database as it was before, what came back. */
    private final class Campaign {

        final TestDb db = new TestDb(dataSource);
        final long st = newShowtime(5, 5, "10.00");
        final long booking = holdOk(st, 1, "A", 1);
        final String before = snapshot(db);
        final Map<String, Integer> statuses = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        /** Every answer must be a 4xx problem+json that gives nothing away. */
        void answered(String request, int status, String contentType, String body) {
            statuses.merge(Integer.toString(status), 1, Integer::sum);
            if (status < 400 || status >= 500 || !contentType.startsWith("application/problem+json") || leaks(body)) {
                failures.add(status + " " + request + " -> " + abbreviate(body));
            }
        }

        void assertAllRefusedCleanly() {
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.subList(0,
                    Math.min(5, failures.size())) + "; statuses " + statuses);
            assertEquals(before, snapshot(db), "refused requests changed the database");
        }
    }


    private static String chunked(String method, String target, int bytes) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n");
        for (int sent = 0; sent < bytes; sent += 4096) {
            request.append("1000\r\n").append(" ".repeat(4096)).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    private record Hostile(String method, String path, String contentType, String body) {
    }

    private static Hostile generate(Random random, long st, long booking) {
        Hostile hostile = generateOne(random, st, booking);
        // the same key twice, even with the same value: ambiguous, so refused
        if (random.nextInt(8) == 0 && hostile.body.startsWith("{\"")) {
            int end = hostile.body.indexOf(',');
            if (end > 0) {
                String first = hostile.body.substring(1, end + 1);
                return new Hostile(hostile.method, hostile.path, hostile.contentType,
                        "{" + first + hostile.body.substring(1));
            }
        }
        return hostile;
    }

    private static Hostile generateOne(Random random, long st, long booking) {
        String value = random.nextInt(6) == 0 ? pick(random, UNSTORABLE_TEXT)
                : HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)];
        String type = random.nextInt(10) == 0 ? pick(random, "text/plain", "application/xml", null,
                "application/json; charset=utf-16", "multipart/form-data") : "application/json";
        String body = switch (random.nextInt(6)) {
            case 0 -> "{\"user_id\":" + value + ",\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"B\",\"col\":2}]}";
            case 1 -> "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":" + value + ",\"col\":2}]}";
            case 2 -> "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"B\",\"col\":" + value + "}]}";
            case 3 -> "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":" + value + "}";
            case 4 -> "{\"user_id\":1,\"showtime_id\":" + value + ",\"seats\":[{\"row\":\"B\",\"col\":2}]}";
            default -> mangle(random, "{\"user_id\":1,\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"B\",\"col\":2}]}");
        };
        if (body.contains("\"row\":\"A\"")) {
            // "A" is a valid row: break the request another way
            body = body.replace("\"seats\":[", "\"seats\":[null,");
        }
        // 1.5 is a valid amount
        String amount = value.equals("1.5") ? "-1.5" : value;
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> new Hostile("POST", "/api/bookings/", type, body);
            case 3 -> new Hostile("POST", "/api/payments/", type, random.nextBoolean()
                    ? "{\"amount\":" + amount + ",\"created_by\":\"volume\"}"
                    : "{\"amount\":10.00,\"created_by\":" + pick(random, UNSTORABLE_TEXT) + "}");
            case 4 -> new Hostile("PUT", "/api/showtimes/" + st, type, "{\"start_time\":" + value
                    + ",\"price\":10,\"num_rows\":5,\"num_cols\":5}");
            case 5 -> new Hostile("POST", "/api/showtimes/" + st + "/check-availability", type,
                    "{\"seats\":[{\"row\":" + value + ",\"col\":0}]}");
            case 6 -> new Hostile("POST", "/api/showtimes/booking/" + booking + "/extend-hold", type,
                    // null means "the default": valid, so send 0 instead
                    "{\"additional_minutes\":" + (value.equals("null") ? "0" : value) + "}");
            default -> new Hostile("POST", "/api/bookings/" + booking + "/confirm", type, "{\"payment_id\":" + value + "}");
        };
    }

    private static String mangle(Random random, String json) {
        return switch (random.nextInt(5)) {
            case 0 -> json.substring(0, random.nextInt(json.length() - 1));
            case 1 -> json.replace(":", random.nextBoolean() ? "=" : "::");
            case 2 -> "[" + json + "]";
            case 3 -> json + json;
            default -> {
                char[] chars = json.toCharArray();
                chars[random.nextInt(chars.length)] = (char) (random.nextInt(0x2FFF) + 1);
                yield new String(chars).replace("\"row\":\"B\"", "\"row\":\"BB\"");
            }
        };
    }

    /** Row counts and the columns a refused request could have changed. */
    static String snapshot(TestDb db) {
        return db.rows("SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM booked_seats),"
                + " (SELECT count(*) FROM payments), (SELECT count(*) FROM showtimes),"
                + " (SELECT coalesce(sum(seats_booked), 0) FROM showtimes),"
                + " (SELECT string_agg(hold_expiry_time::text || status, ',' ORDER BY booking_id) FROM bookings),"
                + " (SELECT string_agg(num_rows || 'x' || num_cols || '@' || price || start_time, ',' ORDER BY showtime_id)"
                + " FROM showtimes)").stream().map(java.util.Arrays::toString).toList().toString();
    }

    private static boolean leaks(String raw) {
        for (String leak : new String[] { "Exception", "\tat ", "SELECT ", "INSERT ", "jackson", "hibernate",
                "vertx" }) {
            if (raw.contains(leak)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
