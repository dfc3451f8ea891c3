package com.marquee.booking.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.http.HttpServerRequest;

/**
 * The Theatre, Movie and User services in one small Vert.x HTTP server on a free local port, programmed
 * per path by the tests: a JSON answer with any status, a slow answer, a connection reset, or (after
 * {@link #stop()}) nothing listening at all. Unprogrammed paths answer 404, as the real services do for
 * unknown ids. Counts requests per path, so tests can tell a cached answer from a fetched one.
 */
public final class UpstreamStub {

    private record Reply(int status, String body, long delayMillis, boolean reset) {
    }

    private final LocalHttpServer server = new LocalHttpServer(this::handle);
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public UpstreamStub start() {
        server.start();
        return this;
    }

    /** Closes the listening socket: calls are refused until {@link #restart()} listens on the same port. */
    public void stop() {
        server.stop();
    }

    public void restart() {
        server.restart();
    }

    public void close() {
        server.close();
    }

    public String url() {
        return server.url();
    }

    /** Forgets every programmed answer and count, and listens again if stopped. */
    public void reset() {
        replies.clear();
        hits.clear();
        restart();
    }

    public UpstreamStub json(String path, int status, String body) {
        replies.put(path, new Reply(status, body, 0, false));
        return this;
    }

    public UpstreamStub slow(String path, long delayMillis, String body) {
        replies.put(path, new Reply(200, body, delayMillis, false));
        return this;
    }

    /** The server accepts the request, then drops the connection without an answer. */
    public UpstreamStub resetConnection(String path) {
        replies.put(path, new Reply(0, null, 0, true));
        return this;
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    // --- the upstream services' documents ----------------------------------------------------------

    public UpstreamStub showtime(long id, long screenId, Long movieId, String startTime, String price) {
        return json("/showtimes/" + id, 200, "{\"showtime_id\": " + id + ", \"screen_id\": " + screenId
                + ", \"movie_id\": " + movieId + ", \"start_time\": " + quoted(startTime) + ", \"price\": "
                + price + ", \"seats_booked\": 3, \"theatre_name\": \"Marquee Downtown\"}");
    }

    public UpstreamStub screen(long id, int rows, int cols) {
        return json("/screens/" + id, 200, "{\"screen_id\": " + id + ", \"theatre_id\": 1, \"screen_number\": 2,"
                + " \"num_rows\": " + rows + ", \"num_cols\": " + cols + "}");
    }

    public UpstreamStub user(long id) {
        return json("/users/" + id, 200, "{\"user_id\": " + id + ", \"first_name\": \"Ada\", \"last_name\":"
                + " \"Lovelace\", \"email\": \"ada@example.com\"}");
    }

    public UpstreamStub movie(long id, String name) {
        return json("/movies/" + id, 200, "{\"movie_id\": " + id + ", \"name\": " + quoted(name)
                + ", \"duration_minutes\": 148, \"genre\": \"Drama\"}");
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Reply reply = replies.get(path);
        if (reply == null) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"detail\": \"Not found.\"}");
            return;
        }
        if (reply.reset()) {
            request.connection().close();
            return;
        }
        Runnable answer = () -> {
            if (!request.response().closed()) {
                request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
                        .end(reply.body() == null ? "" : reply.body());
            }
        };
        if (reply.delayMillis() > 0) {
            server.vertx().setTimer(reply.delayMillis(), id -> answer.run());
        } else {
            answer.run();
        }
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
