package com.marquee.booking.common.web;

import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.RawHttp;
import com.marquee.booking.support.RawHttp.Reply;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A Location never repeats the Host or X-Forwarded-* headers a client sent: it is the resource's path (the
 * test profile configures no {@code booking.http.public-base-url}).
 */
@QuarkusTest
class LocationHeaderTest {

    private static final String[] HOSTILE_HEADERS = { "X-Forwarded-Host: evil2.example", "X-Forwarded-Proto: gopher",
            "Forwarded: host=evil3.example;proto=https" };

    @Test
    void createdBookingsAndPaymentsAreLocatedByPath() throws Exception {
        long st = newShowtime();
        Reply booking = post("/api/bookings/", "{\"user_id\":" + nextId() + ",\"showtime_id\":" + st
                + ",\"seats\":[{\"row\":\"A\",\"col\":1}]}", "Host: evil.example");
        assertEquals(201, booking.status(), booking.body());
        assertEquals("/api/bookings/" + JsonPath.from(booking.body()).getLong("booking_id"), booking.header("Location"));

        Reply payment = post("/api/payments", "{\"amount\":5.00}", "Host: evil.example:8443");
        assertEquals(201, payment.status(), payment.body());
        assertEquals("/api/payments/" + JsonPath.from(payment.body()).getLong("payment.payment_id"),
                payment.header("Location"));
    }

    @Test
    void anIdempotentReplayIsLocatedByPathToo() throws Exception {
        String key = "Idempotency-Key: " + UUID.randomUUID();
        String body = "{\"amount\":6.00,\"created_by\":\"location\"}";
        Reply first = post("/api/payments/", body, "Host: first.example", key);
        Reply replay = post("/api/payments/", body, "Host: second.example", key);
        assertEquals(201, first.status(), first.body());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals("/api/payments/" + JsonPath.from(first.body()).getLong("payment.payment_id"), first.header("Location"));
        assertEquals(first.header("Location"), replay.header("Location"));
    }

    @Test
    void theDocsRedirectStaysOnThisService() throws Exception {
        Reply docs = RawHttp.exchange("GET /docs HTTP/1.1\r\nHost: evil.example\r\n" + String.join("\r\n", HOSTILE_HEADERS)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(303, docs.status());
        assertEquals("/q/swagger-ui/", docs.header("Location"));
    }

    private static Reply post(String path, String json, String host, String... more) throws Exception {
        StringBuilder request = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n").append(host)
                .append("\r\nConnection: close\r\nContent-Type: application/json\r\n");
        for (String header : HOSTILE_HEADERS) {
            request.append(header).append("\r\n");
        }
        for (String header : more) {
            request.append(header).append("\r\n");
        }
        request.append("Content-Length: ").append(json.length()).append("\r\n\r\n").append(json);
        return RawHttp.exchange(request.toString());
    }
}
