package com.marquee.booking.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Tokens;

import io.restassured.response.Response;

/**
 * The packaged app as production runs it: the {@code prod} profile (the {@code *IT} suites run the test profile),
 * started here with {@code java -jar} and production's environment variables, twice. Proves what only that
 * profile shows: health and metrics on the management port and not on the public one, the Swagger UI off by
 * default and switched on by {@code BOOKING_SWAGGER_UI}, {@code /docs} following it, no {@code Server} header,
 * CORS credentials only for an explicit origin list, RS256 tokens through {@code mp.jwt.verify.publickey.location}
 * (a key pair made here), and HS256 rotation with two secrets.
 */
class ProductionSurfaceIT {

    private static final Pattern MAIN = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");
    private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on http://[^:\\s]+:(\\d+)");

    /** A running packaged app; closing it sends SIGTERM. */
    record App(Process process, int port, int managementPort, List<String> log) implements AutoCloseable {

        static App start(Map<String, String> env) throws Exception {
            String schema = System.getenv().getOrDefault("BOOKING_TEST_SCHEMA", "booking_test") + "_prod";
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(key -> key.startsWith("BOOKING_") || key.startsWith("QUARKUS_")
                    || key.startsWith("MP_JWT"));
            environment.put("QUARKUS_HTTP_PORT", "0");
            environment.put("QUARKUS_MANAGEMENT_PORT", "0");
            environment.put("QUARKUS_DATASOURCE_REACTIVE_URL",
                    "postgresql://127.0.0.1:5432/postgres?search_path=" + schema);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema);
            environment.put("QUARKUS_FLYWAY_SCHEMAS", schema);
            environment.put("BOOKING_SEATS_LIVE_CHANNEL", "seat_changes_" + schema);
            environment.putAll(env);
            Process process = builder.start();
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            int[] ports = { -1, -1 };
            CountDownLatch started = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        log.add(line);
                        Matcher main = MAIN.matcher(line);
                        Matcher management = MANAGEMENT.matcher(line);
                        if (main.find() && management.find()) {
                            ports[0] = Integer.parseInt(main.group(1));
                            ports[1] = Integer.parseInt(management.group(1));
                            started.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                started.countDown();
            });
            if (!started.await(120, TimeUnit.SECONDS) || ports[0] < 0) {
                process.destroyForcibly();
                throw new AssertionError("the packaged app did not start:\n" + String.join("\n", log));
            }
            return new App(process, ports[0], ports[1], log);
        }

        Response get(String path) {
            return given().baseUri("http://localhost").port(port).redirects().follow(false).get(path);
        }

        Response getManagement(String path) {
            return given().baseUri("http://localhost").port(managementPort).get(path);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void productionExposesOnlyWhatItMust() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = Files.createTempFile("booking-it-public", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> env = new HashMap<>();
        env.put("BOOKING_AUTH_MODE", "required");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", pem.toUri().toString());
        env.put("BOOKING_CORS_ORIGINS", "https://theatre.example.test");
        try (App app = App.start(env)) {
            // the public port: the API and the docs, no probes or metrics
            app.get("/q/health/live").then().statusCode(404);
            app.get("/q/health/ready").then().statusCode(404);
            app.get("/q/metrics").then().statusCode(404);
            app.get("/health").then().statusCode(200).body("status", equalTo("healthy"));
            app.get("/").then().statusCode(200).body("links", not(hasKey("swagger_ui")));
            app.get("/q/openapi").then().statusCode(200);
            app.get("/q/swagger-ui/").then().statusCode(404);
            app.get("/docs").then().statusCode(303).header("Location", containsString("/q/openapi"));
            // the management port: the probes and metrics, no API
            app.getManagement("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            app.getManagement("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            // (the booking.* meters appear once their bean is first used; the JVM's are there from the start)
            app.getManagement("/q/metrics").then().statusCode(200)
                    .body(containsString("# TYPE jvm_threads_states_threads gauge"));
            app.getManagement("/api/showtimes/1").then().statusCode(404);
            // no Server header naming a product or version, on either port
            assertNull(app.get("/health").header("Server"));
            assertNull(app.getManagement("/q/health/live").header("Server"));

            // CORS with an explicit origin list: that origin with credentials, others refused
            given().baseUri("http://localhost").port(app.port()).header("Origin", "https://theatre.example.test")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").options("/api/bookings/")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo("https://theatre.example.test"))
                    .header("Access-Control-Allow-Credentials", equalTo("true"))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"));
            given().baseUri("http://localhost").port(app.port()).header("Origin", "https://elsewhere.example.test")
                    .get("/health").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());

            // required mode, RS256 through mp.jwt.verify.publickey.location
            long user = 1_000_000L + System.nanoTime() % 1_000_000L;
            String rs256 = Tokens.forUser(user).signedWith(AlgorithmIdentifiers.RSA_USING_SHA256, keys.getPrivate()).sign();
            given().baseUri("http://localhost").port(app.port()).header("Authorization", Tokens.bearer(rs256))
                    .get("/api/bookings/user/{id}", user).then().statusCode(200);
            given().baseUri("http://localhost").port(app.port()).header("Authorization", Tokens.bearer(Tokens.user(user)))
                    .get("/api/bookings/user/{id}", user).then().statusCode(401);
            given().baseUri("http://localhost").port(app.port()).get("/api/bookings/user/{id}", user).then()
                    .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        } finally {
            Files.deleteIfExists(pem);
        }
    }

    @Test
    void theSwaggerUiAndASecondSecretAreSwitchedOnByEnvironment() throws Exception {
        String current = "the-new-secret-of-the-user-service-after-rotation-42";
        String previous = "the-old-secret-of-the-user-service-before-rotation-41";
        Map<String, String> env = new HashMap<>();
        env.put("BOOKING_SWAGGER_UI", "true");
        env.put("BOOKING_AUTH_JWT_SECRET", current);
        env.put("BOOKING_AUTH_JWT_PREVIOUS_SECRET", previous);
        try (App app = App.start(env)) {
            app.get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
            app.get("/docs").then().statusCode(303).header("Location", containsString("/q/swagger-ui"));
            app.get("/").then().statusCode(200).body("links.swagger_ui", equalTo("/q/swagger-ui"));

            long user = 2_000_000L + System.nanoTime() % 1_000_000L;
            for (String secret : List.of(current, previous)) {
                given().baseUri("http://localhost").port(app.port())
                        .header("Authorization", Tokens.bearer(Tokens.forUser(user).secret(secret).sign()))
                        .get("/api/bookings/user/{id}", user).then().statusCode(200);
            }
            given().baseUri("http://localhost").port(app.port())
                    .header("Authorization", Tokens.bearer(Tokens.forUser(user).secret(current + "x").sign()))
                    .get("/api/bookings/user/{id}", user).then().statusCode(401);
            // optional is the default: no token, served as before
            given().baseUri("http://localhost").port(app.port()).get("/api/bookings/user/{id}", user).then()
                    .statusCode(200);

            // CORS by default: any origin, never with credentials
            Response preflight = given().baseUri("http://localhost").port(app.port())
                    .header("Origin", "https://anywhere.example.test").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization").options("/api/bookings/");
            preflight.then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("https://anywhere.example.test"));
            assertTrue(!"true".equals(preflight.header("Access-Control-Allow-Credentials")),
                    "credentials allowed for any origin");
        }
    }
}
