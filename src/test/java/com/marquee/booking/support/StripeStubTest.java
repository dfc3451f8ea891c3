package com.marquee.booking.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marquee.booking.integration.payments.StripeEvent;
import com.marquee.booking.integration.payments.StripeWebhookVerifier;

import io.vertx.core.json.JsonObject;

/**
 * The stub's own semantics, where tests of the service rely on them being Stripe's: the key check, idempotent
 * replays, key reuse, a key in flight, failures that are not saved, refunds, and signed events.
 */
class StripeStubTest {

    private static final String CHARGE = "amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true"
            + "&metadata%5Bpayment_id%5D=5";

    private static StripeStub stub;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stub = new StripeStub().start();
    }

    @AfterAll
    static void close() {
        stub.close();
    }

    @AfterEach
    void reset() {
        stub.reset();
    }

    @Test
    void wrongOrMissingKeyIs401WithStripesErrorObject() throws Exception {
        HttpResponse<String> response = send(post("/v1/payment_intents", CHARGE, "k1").header("Authorization",
                "Bearer sk_test_wrong").build());

        assertEquals(401, response.statusCode());
        assertEquals("invalid_request_error", error(response).getString("type"));
        assertEquals(0, stub.successfulCharges(5));
    }

    @Test
    void sameKeyAndParametersReplayTheFirstAnswer() throws Exception {
        HttpResponse<String> first = send(authorized(post("/v1/payment_intents", CHARGE, "k2")));
        HttpResponse<String> again = send(authorized(post("/v1/payment_intents", CHARGE, "k2")));

        assertEquals(200, first.statusCode());
        assertEquals(first.body(), again.body());
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(1, stub.successfulCharges(5));
        assertEquals("5", stub.requests().getFirst().form().get("metadata[payment_id]"));
    }

    @Test
    void declinesAreReplayedToo() throws Exception {
        stub.declineNext(1);

        HttpResponse<String> first = send(authorized(post("/v1/payment_intents", CHARGE, "k3")));
        HttpResponse<String> again = send(authorized(post("/v1/payment_intents", CHARGE, "k3")));

        assertEquals(402, first.statusCode());
        assertEquals(402, again.statusCode());
        assertEquals(first.body(), again.body());
        assertTrue(error(first).getJsonObject("payment_intent").getString("id").startsWith("pi_"));
    }

    @Test
    void sameKeyWithOtherParametersIsAnIdempotencyError() throws Exception {
        send(authorized(post("/v1/payment_intents", CHARGE, "k4")));

        HttpResponse<String> response = send(authorized(post("/v1/payment_intents",
                CHARGE.replace("1000", "1001"), "k4")));

        assertEquals(400, response.statusCode());
        assertEquals("idempotency_error", error(response).getString("type"));
        assertEquals(1, stub.successfulCharges(5));
    }

    @Test
    void sameKeyWhileTheFirstRunsIs409() throws Exception {
        stub.latency(800);
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                authorized(post("/v1/payment_intents", CHARGE, "k5")), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!stub.inFlight("k5") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        HttpResponse<String> second = send(authorized(post("/v1/payment_intents", CHARGE, "k5")));

        assertEquals(409, second.statusCode());
        assertEquals("idempotency_key_in_use", error(second).getString("code"));
        assertEquals(200, first.get().statusCode());
        assertEquals(1, stub.successfulCharges(5));
    }

    @Test
    void programmedFailuresAreNotSavedSoARetryRuns() throws Exception {
        stub.failNext(1, 500);

        assertEquals(500, send(authorized(post("/v1/payment_intents", CHARGE, "k6"))).statusCode());
        HttpResponse<String> retry = send(authorized(post("/v1/payment_intents", CHARGE, "k6")));

        assertEquals(200, retry.statusCode());
        assertTrue(retry.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals(1, stub.successfulChargesForKey("k6"));
    }

    @Test
    void refundsUntilNothingIsLeftThenSaysAlreadyRefunded() throws Exception {
        String intent = new JsonObject(send(authorized(post("/v1/payment_intents", CHARGE, "k7"))).body())
                .getString("id");

        HttpResponse<String> refund = send(authorized(post("/v1/refunds", "payment_intent=" + intent, "r1")));
        HttpResponse<String> another = send(authorized(post("/v1/refunds", "payment_intent=" + intent, "r2")));

        assertEquals(200, refund.statusCode());
        assertEquals("succeeded", new JsonObject(refund.body()).getString("status"));
        assertEquals(400, another.statusCode());
        assertEquals("charge_already_refunded", error(another).getString("code"));
        assertEquals(1, stub.refunds(intent));
        assertEquals(1, stub.refundsOfPayment(5));
    }

    @Test
    void retrieveReadsTheIntentAsItIsNow() throws Exception {
        stub.nextIntentStatus("processing");
        String intent = new JsonObject(send(authorized(post("/v1/payment_intents", CHARGE, "k8"))).body())
                .getString("id");
        stub.settle(intent, "succeeded");

        HttpResponse<String> read = send(authorized(HttpRequest.newBuilder(URI.create(stub.url()
                + "/v1/payment_intents/" + intent)).GET()));

        assertEquals("succeeded", new JsonObject(read.body()).getString("status"));
        assertEquals(404, send(authorized(HttpRequest.newBuilder(URI.create(stub.url()
                + "/v1/payment_intents/pi_nope")).GET())).statusCode());
    }

    @Test
    void eventsAreSignedAsStripeSignsThem() throws Exception {
        String intent = new JsonObject(send(authorized(post("/v1/payment_intents", CHARGE, "k9"))).body())
                .getString("id");
        StripeStub.SignedEvent signed = stub.event(StripeEvent.PAYMENT_INTENT_SUCCEEDED, intent);

        StripeWebhookVerifier verifier = new StripeWebhookVerifier(StripeStub.WEBHOOK_SECRET, Duration.ofMinutes(5));
        byte[] body = signed.body().getBytes(StandardCharsets.UTF_8);
        assertTrue(verifier.verify(signed.signature(), body, Instant.now()).verified());
        StripeEvent event = StripeEvent.parse(body);
        assertEquals(signed.id(), event.id());
        assertEquals(intent, event.paymentIntentId());
        assertEquals(5L, event.paymentId());

        send(authorized(post("/v1/refunds", "payment_intent=" + intent, "r3")));
        StripeEvent refunded = StripeEvent.parse(stub.event(StripeEvent.CHARGE_REFUNDED, intent).body()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(intent, refunded.paymentIntentId());
        assertEquals(1000L, refunded.amountRefunded());
        assertEquals(Boolean.TRUE, refunded.refunded());
    }

    private HttpRequest.Builder post(String path, String form, String key) {
        return HttpRequest.newBuilder(URI.create(stub.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static HttpRequest authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + StripeStub.API_KEY).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }
}
