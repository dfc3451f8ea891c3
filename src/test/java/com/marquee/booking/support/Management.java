package com.marquee.booking.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the app under test ({@code /q/health/*}, {@code /q/metrics}): its own port, a free one
 * in tests. In a {@code @QuarkusTest} the running app says which; for the packaged app an {@code *IT} launched,
 * its start-up line in {@code target/quarkus.log} does (Quarkus 3.33's launcher captures only the main port).
 */
public final class Management {

    private static final Pattern LISTENING = Pattern.compile("Management interface listening on https?://[^\\s:]*:(\\d+)");

    private Management() {
    }

    /** rest-assured aimed at the management interface. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri("http://localhost").port(port());
    }

    public static int port() {
        if (Arc.container() != null) {
            ValueRegistry registry = Arc.container().instance(ValueRegistry.class).get();
            Integer port = registry.getOrDefault(HttpServer.MANAGEMENT_PORT, null);
            if (port != null && port > 0) {
                return port;
            }
            throw new IllegalStateException("the running app registered no management port");
        }
        return fromLog(Path.of("target", "quarkus.log"));
    }

    static int fromLog(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = LISTENING.matcher(lines.get(i));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log.toAbsolutePath(), e);
        }
        throw new IllegalStateException("no management interface start-up line in " + log.toAbsolutePath());
    }
}
