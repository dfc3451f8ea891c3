package com.marquee.booking.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * A raw Server-Sent Events client over {@link HttpClient} (HTTP/1.1, lines as they arrive), for tests that
 * must see exactly what a browser's EventSource would: event names, ids, data and comment lines. Every wait is
 * bounded. {@link #close()} drops the connection, as a browser tab being closed does.
 */
public final class SseStream implements AutoCloseable {

    public record Event(String name, String id, String data) {

        public JsonPath json() {
            return JsonPath.from(data);
        }

        public long idNumber() {
            return Long.parseLong(id);
        }
    }

    /** A comment line ({@code : text}): the heartbeat. */
    public record Comment(String text) {
    }

    private static final Object END = new Object();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().unstarted(this::read);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens {@code path} on the app under test (the port rest-assured uses). */
    public static SseStream open(String path) {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return new SseStream(CLIENT.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseStream showtime(long showtimeId) {
        return open("/api/showtimes/" + showtimeId + "/seats/stream");
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The whole body of a response that is not a stream (a problem). */
    public String body() {
        try (Stream<String> lines = response.body()) {
            return lines.collect(Collectors.joining("\n"));
        }
    }

    /** The next event (comments skipped), or a failure after {@code timeout}. */
    public Event next(Duration timeout) {
        return next(Event.class, timeout, "an event");
    }

    /** The next event named {@code name}, skipping others. */
    public Event next(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    public Comment nextComment(Duration timeout) {
        return next(Comment.class, timeout, "a comment");
    }

    /** Events (comments skipped) that arrive within {@code window}: to assert that nothing happened. */
    public List<Event> eventsWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<Event> events = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return events;
            }
            Object item = poll(left);
            if (item instanceof Event event) {
                events.add(event);
            } else if (item == END) {
                received.add(END);
                return events;
            }
        }
    }

    /** True once the server ended the stream. */
    public boolean endedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (poll(left) == END) {
                received.add(END);
                return true;
            }
        }
    }

    @Override
    public void close() {
        response.body().close(); // cancels the body: the connection is dropped, not drained
        reader.interrupt();
    }

    private <T> T next(Class<T> type, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object item = left > 0 ? poll(left) : null;
            if (item == null) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
            }
            if (item == END) {
                received.add(END);
                throw new AssertionError("the stream ended while waiting for " + what);
            }
            if (type.isInstance(item)) {
                return type.cast(item);
            }
        }
    }

    private Object poll(long nanos) {
        try {
            return received.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Comment(line.substring(1).trim()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry: and unknown fields do not matter here
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or the server went away: either way the stream is over
        } finally {
            received.add(END);
        }
    }
}
