package com.marquee.booking.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.restassured.RestAssured;

/** Fires many requests at the same moment over real connections and collects every answer. */
public final class Concurrently {

    public record Answer(int status, String body) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Concurrently() {
    }

    /** POSTs {@code n} JSON bodies at once; returns answers in request order. */
    public static List<Answer> post(String path, int n, IntFunction<String> body) {
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build());
        }
        return send(requests);
    }

    public static List<Answer> send(List<HttpRequest> requests) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            answers.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Answer(r.statusCode(), r.body())));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("concurrent requests did not all finish", e);
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
