package com.marquee.booking.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.RawHttp;
import com.marquee.booking.support.RawHttp.Reply;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Clients that send too slowly are cut off, in bounded time: the test profile sets
 * {@code booking.http.body-timeout=2s} and {@code booking.http.idle-timeout=15s}.
 */
@QuarkusTest
class SlowClientTest {

    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SLACK = Duration.ofSeconds(3);

    @Test
    void aClientThatStopsHalfwayThroughItsHeadersIsDisconnected() throws Exception {
        try (Socket socket = RawHttp.connect()) {
            socket.setSoTimeout((int) IDLE_TIMEOUT.plus(SLACK).toMillis());
            long start = System.nanoTime();
            socket.getOutputStream().write("POST /api/payments/ HTTP/1.1\r\nHost: localhost\r\nContent-Ty"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(RawHttp.closedByServer(socket), "still open after " + IDLE_TIMEOUT.plus(SLACK));
            assertTrue(System.nanoTime() - start >= IDLE_TIMEOUT.minusSeconds(1).toNanos(), "not before the idle timeout");
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408AndTheConnectionCloses() throws Exception {
        try (Socket socket = RawHttp.connect()) {
            socket.setSoTimeout((int) BODY_TIMEOUT.plus(SLACK).toMillis());
            socket.getOutputStream().write(("POST /api/payments/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"amount\":")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTimedOut(RawHttp.read(socket.getInputStream()));
            assertTrue(RawHttp.closedByServer(socket));
        }
    }

    /** A byte now and then keeps a connection from ever being idle; the body deadline still ends it. */
    @Test
    void aBodySentAByteAtATimeIs408() throws Exception {
        try (Socket socket = RawHttp.connect()) {
            socket.setSoTimeout((int) BODY_TIMEOUT.plus(SLACK).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/showtimes/1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.read(socket.getInputStream());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 100 && !answer.isDone(); i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(200);
            }
            assertTimedOut(answer.get(1, TimeUnit.SECONDS));
        }
    }

    private static void assertTimedOut(Reply reply) {
        assertEquals(408, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        JsonPath problem = JsonPath.from(reply.body());
        assertEquals("request_timeout", problem.getString("error"));
        assertEquals("The request body did not arrive within 2 s", problem.getString("detail"));
    }
}
