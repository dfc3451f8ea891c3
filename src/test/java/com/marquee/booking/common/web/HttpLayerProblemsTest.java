package com.marquee.booking.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.ErrorLog;
import com.marquee.booking.support.RawHttp;
import com.marquee.booking.support.RawHttp.Reply;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What the HTTP layer answers on its own, sent over a raw socket since real clients never send it: oversized
 * URIs, headers and bodies, bad percent-encoding, no Host. Each is an RFC 9457 problem like any other error,
 * and none is an ERROR in the log (a client's mistake is not ours).
 */
@QuarkusTest
class HttpLayerProblemsTest {

    @Test
    void aUriOverTheLimitIs414() throws Exception {
        Reply reply = RawHttp.exchange(RawHttp.request("GET", "/api/bookings/" + "7".repeat(5_000), null));
        assertProblem(reply, 414, "request-uri-too-long", "The request URI is longer than 4096 bytes");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        Reply reply = RawHttp.exchange(RawHttp.request("GET", "/api/bookings/1", null, "X-Padding: " + "p".repeat(30_000)));
        assertProblem(reply, 431, "request-header-fields-too-large", "The request headers are larger than 20480 bytes");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutContentLength() throws Exception {
        String json = "{\"amount\":5.00,\"created_by\":\"" + "x".repeat(70_000) + "\"}";
        assertProblem(RawHttp.exchange(RawHttp.request("POST", "/api/payments/", json)), 413,
                "request-entity-too-large", "The request body is larger than 65536 bytes");

        StringBuilder chunked = new StringBuilder("POST /api/payments/ HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            chunked.append("1000\r\n").append(" ".repeat(4096)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertProblem(RawHttp.exchange(chunked.toString()), 413, "request-entity-too-large",
                "The request body is larger than 65536 bytes");
    }

    @Test
    void badPercentEncodingIs400() throws Exception {
        for (String target : new String[] { "/api/bookings/%zz", "/api/bookings/%", "/api/bookings/user/1?limit=%zz",
                "/api/showtimes/1/seat-map?rows=%E0%A4%zz", "/q/health/%zz" }) {
            Reply reply = RawHttp.exchange(RawHttp.request("GET", target, null));
            assertProblem(reply, 400, "bad-request",
                    "The request could not be read: check the percent-encoding of its path and query");
        }
    }

    @Test
    void aRequestWithoutHostIs400() throws Exception {
        Reply reply = RawHttp.exchange("GET /api/bookings/1 HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertProblem(reply, 400, "bad-request", "The request has no Host header");
    }

    @Test
    void routesNoResourceServesAreProblems() throws Exception {
        assertProblem(RawHttp.exchange("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404,
                "not-found", "No resource at *");
        assertProblem(RawHttp.exchange(RawHttp.request("GET", "/q/nothing-here", null)), 404, "not-found",
                "No resource at /q/nothing-here");
    }

    /**
     * Framing the HTTP codec itself refuses never reaches our code (quarkusio/quarkus#55082): Vert.x answers a
     * bare 400 and closes. Still never a 5xx, never an ERROR line.
     */
    @Test
    void framingTheCodecRefusesIsABare400AndTheConnectionCloses() throws Exception {
        for (String headers : new String[] { "Content-Length: abc", "Content-Length: -5",
                "Content-Length: 2\r\nContent-Length: 3", "Content-Length: 2\r\nTransfer-Encoding: chunked",
                "Bad Header: x" }) {
            try (Socket socket = RawHttp.connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/payments/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + headers + "\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                Reply reply = RawHttp.read(socket.getInputStream());
                assertEquals(400, reply.status(), headers);
                assertTrue(RawHttp.closedByServer(socket), headers);
            }
        }
    }

    @Test
    void noMalformedRequestLogsAnError() throws Exception {
        List<String> errors;
        try (ErrorLog log = errorLog()) {
            aUriOverTheLimitIs414();
            headersOverTheLimitAre431();
            aBodyOverTheLimitIs413WithOrWithoutContentLength();
            badPercentEncodingIs400();
            aRequestWithoutHostIs400();
            routesNoResourceServesAreProblems();
            framingTheCodecRefusesIsABare400AndTheConnectionCloses();
            errors = log == null ? List.of() : log.lines();
        }
        assertEquals(List.of(), errors);
    }

    /** Null where the app logs in a process of its own (the integration test). */
    protected ErrorLog errorLog() {
        return ErrorLog.open();
    }

    private static void assertProblem(Reply reply, int status, String slug, String detail) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"), reply.headers().toString());
        JsonPath problem = JsonPath.from(reply.body());
        assertEquals(status, problem.getInt("status"));
        assertEquals("/problems/" + slug, problem.getString("type"));
        assertEquals(slug.replace('-', '_'), problem.getString("error"));
        assertEquals(detail, problem.getString("detail"));
        assertTrue(problem.getString("title") != null && problem.getString("instance") != null, reply.body());
    }
}
