package com.marquee.booking.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.restassured.RestAssured;

/** Fires real HTTP requests at the running app at the same moment (all threads wait on one latch). */
public final class Concurrently {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Concurrently() {
    }

    public record Call(String method, String path, String jsonBody, String idempotencyKey) {

        public static Call post(String path) {
            return new Call("POST", path, null, null);
        }

        public static Call post(String path, String jsonBody) {
            return new Call("POST", path, jsonBody, null);
        }

        public Call withKey(String key) {
            return new Call(method, path, jsonBody, key);
        }
    }

    public record Answer(int status, String body) {
    }

    /** POSTs {@code n} JSON bodies at once; returns answers in request order. */
    public static List<Answer> post(String path, int n, IntFunction<String> body) {
        List<Call> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(Call.post(path, body.apply(i)));
        }
        return run(calls);
    }

    public static List<Answer> run(List<Call> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Call call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return send(call);
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent requests did not all finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static List<Answer> times(int n, Call call) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return run(calls);
    }

    public static Answer send(Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        if (call.jsonBody() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.jsonBody()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    public static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }
}
