package com.marquee.booking.support;

import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The Theatre, Movie and User services in one small Vert.x HTTP server on a free local port, programmed
 * per path by the tests: a JSON answer with any status, a slow answer, a connection reset, or (after
 * {@link #stop()}) nothing listening at all. Unprogrammed paths answer 404, as the real services do for
 * unknown ids. Counts requests per path, so tests can tell a cached answer from a fetched one.
 *
 * <p>The Theatre Service's seat counter is stateful: after {@link #seatCounter}, {@code GET /showtimes/{id}}
 * answers its {@code seats_booked} and {@code POST /showtimes/{id}/seats {"count": n}} adds {@code n} to it,
 * a bare delta like the real one; {@link #failSeatPosts} makes the next POSTs fail in a chosen way, before
 * or after the delta is applied.
 */
public final class UpstreamStub {

    private record Reply(int status, String body, long delayMillis, boolean reset) {
    }

    /** How one {@code POST /showtimes/{id}/seats} goes wrong. */
    public enum SeatPostFailure {
        /** Applies the delta, then answers only after the client gave up. */
        APPLY_THEN_TIMEOUT,
        /** Applies the delta, then drops the connection without an answer. */
        APPLY_THEN_RESET,
        /** Applies the delta, then answers 500. */
        APPLY_THEN_500,
        /** Answers 500 without applying it. */
        REJECT_500,
        /** Drops the connection without applying it. */
        RESET_BEFORE_APPLY
    }

    private static final Pattern SHOWTIME = Pattern.compile("/showtimes/(\\d+)");
    private static final Pattern SEATS = Pattern.compile("/showtimes/(\\d+)/seats");
    /** Longer than any client waits for an answer. */
    private static final long NEVER_MILLIS = 5_000;

    private final LocalHttpServer server = new LocalHttpServer(this::handle);
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> seatCounters = new ConcurrentHashMap<>();
    private final Map<Long, Deque<SeatPostFailure>> seatPostFailures = new ConcurrentHashMap<>();

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
        seatCounters.clear();
        seatPostFailures.clear();
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

    /** The Theatre Service's {@code seats_booked} of showtime {@code id} starts at {@code seatsBooked}. */
    public UpstreamStub seatCounter(long id, int seatsBooked) {
        seatCounters.put(id, new AtomicInteger(seatsBooked));
        return this;
    }

    /** The Theatre Service's {@code seats_booked} of showtime {@code id} now. */
    public int seatsBooked(long id) {
        return seatCounters.get(id).get();
    }

    /** The next POSTs to showtime {@code id}'s seats fail like this, one failure each, in order. */
    public UpstreamStub failSeatPosts(long id, SeatPostFailure... failures) {
        seatPostFailures.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).addAll(Arrays.asList(failures));
        return this;
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (handledBySeatCounter(request, path)) {
            return;
        }
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
        respond(request, reply.status(), reply.body() == null ? "" : reply.body(), reply.delayMillis());
    }

    private boolean handledBySeatCounter(HttpServerRequest request, String path) {
        Matcher showtime = SHOWTIME.matcher(path);
        if (request.method() == HttpMethod.GET && showtime.matches()) {
            AtomicInteger counter = seatCounters.get(Long.parseLong(showtime.group(1)));
            if (counter == null) {
                return false;
            }
            respond(request, 200, new JsonObject().put("showtime_id", Long.parseLong(showtime.group(1)))
                    .put("seats_booked", counter.get()).encode(), 0);
            return true;
        }
        Matcher seats = SEATS.matcher(path);
        if (request.method() != HttpMethod.POST || !seats.matches()) {
            return false;
        }
        long id = Long.parseLong(seats.group(1));
        AtomicInteger counter = seatCounters.get(id);
        if (counter == null) {
            return false;
        }
        request.body().onSuccess(body -> {
            int count = body.toJsonObject().getInteger("count");
            Deque<SeatPostFailure> failures = seatPostFailures.get(id);
            SeatPostFailure failure = failures == null ? null : failures.pollFirst();
            if (failure == SeatPostFailure.RESET_BEFORE_APPLY) {
                request.connection().close();
                return;
            }
            if (failure == SeatPostFailure.REJECT_500) {
                respond(request, 500, "{\"detail\": \"boom\"}", 0);
                return;
            }
            int now = counter.addAndGet(count);
            String answer = new JsonObject().put("showtime_id", id).put("seats_booked", now).encode();
            if (failure == null) {
                respond(request, 200, answer, 0);
            } else if (failure == SeatPostFailure.APPLY_THEN_RESET) {
                request.connection().close();
            } else if (failure == SeatPostFailure.APPLY_THEN_500) {
                respond(request, 500, "{\"detail\": \"boom\"}", 0);
            } else {
                respond(request, 200, answer, NEVER_MILLIS);
            }
        });
        return true;
    }

    private void respond(HttpServerRequest request, int status, String body, long delayMillis) {
        Runnable answer = () -> {
            if (!request.response().closed()) {
                request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
            }
        };
        if (delayMillis > 0) {
            server.vertx().setTimer(delayMillis, id -> answer.run());
        } else {
            answer.run();
        }
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

}
