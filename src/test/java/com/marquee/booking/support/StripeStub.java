package com.marquee.booking.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Stripe's PaymentIntents and Refunds API in a small Vert.x server on a free local port, faithful where our
 * code depends on it:
 * <ul>
 * <li>form-encoded bodies ({@code metadata[payment_id]=7}); {@code Authorization: Bearer <key>} checked (401 with
 * Stripe's error object otherwise);</li>
 * <li>idempotency as Stripe does it: a POST's {@code Idempotency-Key} with the same parameters replays the first
 * answer (status and body, errors included) with {@code Idempotent-Replayed: true}; with other parameters it is
 * a 400 {@code idempotency_error}; while the first request with the key is still running it is a 409
 * {@code idempotency_key_in_use}. Like Stripe, answers given before the request ran (401, the programmed 500s
 * and hangs, invalid parameters) are not saved, so a retry runs it;</li>
 * <li>{@code POST /v1/payment_intents} (with {@code confirm=true} it charges), {@code POST
 * /v1/payment_intents/{id}/confirm}, {@code GET /v1/payment_intents/{id}}, {@code POST /v1/refunds}
 * ({@code charge_already_refunded} once the whole amount is back).</li>
 * </ul>
 * Programmed per test, and {@link #reset()} after: declines (the next N charges, or by amount, or Stripe's test
 * method {@code pm_card_chargeDeclined}), the intent status of the next charges ({@code processing},
 * {@code requires_action}), the status of refunds, latency, the next N requests failing with a status, hanging
 * (accepted, never answered), a raw answer, and refused connections ({@link #stop()}). It counts requests and,
 * what the money-path tests assert, successful charges and refunds per payment id and per idempotency key.
 * It also builds webhook events from the intents it holds and signs them as Stripe does.
 */
public final class StripeStub {

    /** Made up for the tests; the shape of a Stripe test key so that nothing treats it specially. */
    public static final String API_KEY = "sk_test_marquee_stub_5kq2Ytd8Fj3LmN0pRs7uVw";
    public static final String WEBHOOK_SECRET = "whsec_test_marquee_stub_9aB8cD7eF6gH5iJ4";

    /** One request as received, and what it was answered. */
    public record Request(String method, String path, String idempotencyKey, String authorization,
            String stripeVersion, Map<String, String> form, int status, boolean replayed) {
    }

    /** A webhook body and its {@code Stripe-Signature} header. */
    public record SignedEvent(String id, String body, String signature) {
    }

    private record Reply(int status, String body) {
    }

    /** An idempotency key: in flight until its answer is saved. */
    private static final class KeyUse {
        final String fingerprint;
        volatile Reply saved;

        KeyUse(String fingerprint) {
            this.fingerprint = fingerprint;
        }
    }

    private static final class Intent {
        final String id = "pi_" + randomId();
        final long amount;
        final String currency;
        final Map<String, String> metadata;
        final String idempotencyKey;
        final long created = Instant.now().getEpochSecond();
        volatile String paymentMethod;
        volatile String status = "requires_confirmation";
        volatile String chargeId;
        volatile JsonObject lastPaymentError;
        volatile long amountRefunded;

        Intent(long amount, String currency, Map<String, String> metadata, String idempotencyKey) {
            this.amount = amount;
            this.currency = currency;
            this.metadata = metadata;
            this.idempotencyKey = idempotencyKey;
        }

        JsonObject json() {
            return new JsonObject().put("id", id).put("object", "payment_intent").put("amount", amount)
                    .put("amount_received", "succeeded".equals(status) ? amount : 0).put("currency", currency)
                    .put("status", status).put("payment_method", paymentMethod).put("latest_charge", chargeId)
                    .put("metadata", new JsonObject(new LinkedHashMap<>(metadata))).put("created", created)
                    .put("last_payment_error", lastPaymentError).put("cancellation_reason", null);
        }
    }

    private record Refund(String id, String intentId, long amount, String status, String idempotencyKey) {
        JsonObject json(Map<String, String> metadata) {
            return new JsonObject().put("id", id).put("object", "refund").put("amount", amount)
                    .put("payment_intent", intentId).put("status", status)
                    .put("failure_reason", "failed".equals(status) ? "declined" : null)
                    .put("metadata", new JsonObject(new LinkedHashMap<>(metadata)));
        }
    }

    private final LocalHttpServer server = new LocalHttpServer(this::handle);
    private volatile String apiKey = API_KEY;

    // programmed behaviour
    private volatile long latencyMillis;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile String failurePath = "/";
    private final AtomicInteger hangsLeft = new AtomicInteger();
    private final ConcurrentLinkedQueue<Reply> rawReplies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger declinesLeft = new AtomicInteger();
    private final Set<Long> declinedAmounts = ConcurrentHashMap.newKeySet();
    private volatile String declineCode = "generic_decline";
    private final ConcurrentLinkedQueue<String> nextIntentStatuses = new ConcurrentLinkedQueue<>();
    private volatile String refundStatus = "succeeded";

    // what happened
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, KeyUse> keys = new ConcurrentHashMap<>();
    private final Map<String, Intent> intents = new ConcurrentHashMap<>();
    private final List<Refund> refunds = new CopyOnWriteArrayList<>();
    private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();

    public StripeStub start() {
        server.start();
        return this;
    }

    /** Closes the listening socket: connections are refused until {@link #restart()} (same port). */
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

    public String apiKey() {
        return API_KEY;
    }

    public String webhookSecret() {
        return WEBHOOK_SECRET;
    }

    /** Forgets every programmed behaviour, request, key, intent and refund; answers hung requests; listens again. */
    public void reset() {
        apiKey = API_KEY;
        latencyMillis = 0;
        failuresLeft.set(0);
        failureStatus = 500;
        failurePath = "/";
        hangsLeft.set(0);
        rawReplies.clear();
        declinesLeft.set(0);
        declinedAmounts.clear();
        declineCode = "generic_decline";
        nextIntentStatuses.clear();
        refundStatus = "succeeded";
        for (HttpServerRequest request : hanging) {
            request.connection().close();
        }
        hanging.clear();
        requests.clear();
        keys.clear();
        intents.clear();
        refunds.clear();
        restart();
    }

    // --- programming -------------------------------------------------------------------------------------

    /** Every request answers this much later; the idempotency key stays in flight meanwhile. */
    public StripeStub latency(long millis) {
        latencyMillis = millis;
        return this;
    }

    /** The next {@code count} requests answer {@code status} (Stripe's api_error) before running: not saved. */
    public StripeStub failNext(int count, int status) {
        return failNext(count, status, "/");
    }

    /**
     * The next {@code count} requests to paths starting with {@code pathPrefix} answer {@code status}: other
     * requests (a reconciler's in the background) neither fail nor use up the count.
     */
    public StripeStub failNext(int count, int status, String pathPrefix) {
        failureStatus = status;
        failurePath = pathPrefix;
        failuresLeft.set(count);
        return this;
    }

    /** The next {@code count} requests are accepted and never answered (until {@link #reset()}); nothing runs. */
    public StripeStub hangNext(int count) {
        hangsLeft.set(count);
        return this;
    }

    /** The next request is answered this, whatever it asked; nothing runs and nothing is saved. */
    public StripeStub replyNext(int status, String body) {
        rawReplies.add(new Reply(status, body));
        return this;
    }

    /** The next {@code count} charges are declined by the issuer (HTTP 402, intent requires_payment_method). */
    public StripeStub declineNext(int count) {
        declinesLeft.set(count);
        return this;
    }

    /** Charges of this many minor units are declined, with {@code code} as the decline code. */
    public StripeStub declineAmount(long amount, String code) {
        declinedAmounts.add(amount);
        declineCode = code;
        return this;
    }

    /** The next charge leaves its intent in this status instead of succeeded ({@code processing}, ...). */
    public StripeStub nextIntentStatus(String status) {
        nextIntentStatuses.add(status);
        return this;
    }

    /** New refunds get this status ({@code succeeded} by default, {@code pending}, {@code failed}). */
    public StripeStub refundStatus(String status) {
        refundStatus = status;
        return this;
    }

    /** Only this key is accepted from now on: the service's own key then gets 401s. */
    public StripeStub acceptOnlyKey(String key) {
        apiKey = key;
        return this;
    }

    /** Sets an intent's status, as Stripe would later (a processing intent that succeeded). */
    public StripeStub settle(String intentId, String status) {
        Intent intent = Objects.requireNonNull(intents.get(intentId), intentId);
        intent.status = status;
        if ("succeeded".equals(status) && intent.chargeId == null) {
            intent.chargeId = "ch_" + randomId();
        }
        return this;
    }

    // --- what happened -----------------------------------------------------------------------------------

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** Whether a request with this idempotency key is running now (its answer not saved yet). */
    public boolean inFlight(String idempotencyKey) {
        KeyUse use = keys.get(idempotencyKey);
        return use != null && use.saved == null;
    }

    /** Succeeded intents (money taken) whose metadata names this payment. */
    public int successfulCharges(long paymentId) {
        String id = Long.toString(paymentId);
        return (int) intents.values().stream()
                .filter(i -> "succeeded".equals(i.status) && id.equals(i.metadata.get("payment_id"))).count();
    }

    /** Succeeded intents created with this idempotency key. */
    public int successfulChargesForKey(String idempotencyKey) {
        return (int) intents.values().stream()
                .filter(i -> "succeeded".equals(i.status) && idempotencyKey.equals(i.idempotencyKey)).count();
    }

    /** Intents of any status whose metadata names this payment. */
    public List<String> intentsOf(long paymentId) {
        String id = Long.toString(paymentId);
        return intents.values().stream().filter(i -> id.equals(i.metadata.get("payment_id"))).map(i -> i.id).toList();
    }

    public String intentStatus(String intentId) {
        Intent intent = intents.get(intentId);
        return intent == null ? null : intent.status;
    }

    /** Refunds made (not failed) of this intent. */
    public int refunds(String intentId) {
        return (int) refunds.stream().filter(r -> r.intentId().equals(intentId) && !"failed".equals(r.status()))
                .count();
    }

    /** Refunds made (not failed) of the intents whose metadata names this payment. */
    public int refundsOfPayment(long paymentId) {
        return intentsOf(paymentId).stream().mapToInt(this::refunds).sum();
    }

    // --- webhooks ----------------------------------------------------------------------------------------

    /**
     * A {@code payment_intent.succeeded}, {@code payment_intent.payment_failed} or {@code charge.refunded} event
     * about an intent this stub holds, as it is now, signed with {@link #WEBHOOK_SECRET} at the current time.
     */
    public SignedEvent event(String type, String intentId) {
        return sign(eventBody(type, intentId), WEBHOOK_SECRET, Instant.now().getEpochSecond());
    }

    /** The event's JSON: {@code {id, object: "event", type, created, data: {object}}}. */
    public String eventBody(String type, String intentId) {
        Intent intent = Objects.requireNonNull(intents.get(intentId), "no intent " + intentId);
        JsonObject object;
        if (type.startsWith("charge.")) {
            object = new JsonObject().put("id", intent.chargeId).put("object", "charge").put("amount", intent.amount)
                    .put("amount_refunded", intent.amountRefunded).put("refunded", intent.amountRefunded >= intent.amount)
                    .put("payment_intent", intent.id).put("currency", intent.currency)
                    .put("status", "succeeded").put("metadata", new JsonObject(new LinkedHashMap<>(intent.metadata)));
        } else {
            object = intent.json();
        }
        return eventBody(type, object);
    }

    /** An event around any object (an intent this stub never made, a malformed one). */
    public static String eventBody(String type, JsonObject object) {
        return new JsonObject().put("id", "evt_" + randomId()).put("object", "event").put("type", type)
                .put("api_version", "2025-08-27.basil").put("created", Instant.now().getEpochSecond())
                .put("livemode", false).put("data", new JsonObject().put("object", object)).encode();
    }

    /** Signs {@code body} as Stripe does: {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "t.body">}. */
    public static SignedEvent sign(String body, String secret, long timestamp) {
        String id = new JsonObject(body).getString("id");
        return new SignedEvent(id, body, "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body));
    }

    /** Lower-case hex HMAC-SHA256, computed here independently of the code under test. */
    public static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- serving -----------------------------------------------------------------------------------------

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Map<String, String> form = parseForm(buffer.toString(StandardCharsets.UTF_8));
            if (hangsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                hanging.add(request);
                record(request, form, 0, false);
                return;
            }
            if (request.path().startsWith(failurePath) && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(request, form, new Reply(failureStatus, error("api_error", null,
                        "An unexpected error occurred (programmed by the test).")), false);
                return;
            }
            Reply raw = rawReplies.poll();
            if (raw != null) {
                respond(request, form, raw, false);
                return;
            }
            String authorization = request.getHeader("Authorization");
            if (!("Bearer " + apiKey).equals(authorization)) {
                respond(request, form, new Reply(401, error("invalid_request_error", null,
                        "Invalid API Key provided: " + mask(authorization))), false);
                return;
            }
            String key = request.getHeader("Idempotency-Key");
            if (!request.method().name().equals("POST") || key == null) {
                later(() -> respond(request, form, run(request, form, null), false));
                return;
            }
            String fingerprint = request.method().name() + " " + request.path() + " " + new TreeMap<>(form);
            KeyUse use = new KeyUse(fingerprint);
            KeyUse earlier = keys.putIfAbsent(key, use);
            if (earlier != null) {
                if (!earlier.fingerprint.equals(fingerprint)) {
                    respond(request, form, new Reply(400, error("idempotency_error", null, "Keys for idempotent "
                            + "requests can only be used with the same parameters they were first used with. Try "
                            + "using a key other than '" + key + "' if you meant to execute a different request.")),
                            false);
                } else if (earlier.saved == null) {
                    respond(request, form, new Reply(409, error("invalid_request_error", "idempotency_key_in_use",
                            "There is currently another in-progress request using this Idempotency-Key. Please try "
                                    + "again later.")), false);
                } else {
                    respond(request, form, earlier.saved, true);
                }
                return;
            }
            later(() -> {
                Reply reply = run(request, form, key);
                if (reply.status() == 400 && reply.body().contains("\"parameter_")) {
                    keys.remove(key); // invalid parameters: Stripe saves nothing, a corrected retry runs
                } else {
                    use.saved = reply;
                }
                respond(request, form, reply, false);
            });
        });
    }

    private void later(Runnable action) {
        if (latencyMillis > 0) {
            server.vertx().setTimer(latencyMillis, id -> action.run());
        } else {
            action.run();
        }
    }

    private Reply run(HttpServerRequest request, Map<String, String> form, String key) {
        String method = request.method().name();
        String path = request.path();
        if (method.equals("POST") && path.equals("/v1/payment_intents")) {
            return createIntent(form, key);
        }
        if (method.equals("POST") && path.matches("/v1/payment_intents/[^/]+/confirm")) {
            Intent intent = intents.get(path.split("/")[3]);
            return intent == null ? missing("payment_intent", path.split("/")[3]) : confirm(intent, form);
        }
        if (method.equals("GET") && path.matches("/v1/payment_intents/[^/]+")) {
            Intent intent = intents.get(path.split("/")[3]);
            return intent == null ? missing("payment_intent", path.split("/")[3]) : new Reply(200, intent.json().encode());
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            return refund(form, key);
        }
        return new Reply(404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path
                + ")."));
    }

    private Reply createIntent(Map<String, String> form, String key) {
        String amountText = form.get("amount");
        if (amountText == null || !amountText.matches("\\d{1,12}") || Long.parseLong(amountText) < 1) {
            return new Reply(400, error("invalid_request_error", "parameter_invalid_integer",
                    "Invalid integer: " + amountText));
        }
        if (form.get("currency") == null) {
            return new Reply(400, error("invalid_request_error", "parameter_missing", "Missing required param: "
                    + "currency."));
        }
        Intent intent = new Intent(Long.parseLong(amountText), form.get("currency"), metadataOf(form), key);
        intent.paymentMethod = form.get("payment_method");
        intent.status = intent.paymentMethod == null ? "requires_payment_method" : "requires_confirmation";
        intents.put(intent.id, intent);
        if (!"true".equals(form.get("confirm"))) {
            return new Reply(200, intent.json().encode());
        }
        return confirm(intent, form);
    }

    private Reply confirm(Intent intent, Map<String, String> form) {
        if (form.get("payment_method") != null) {
            intent.paymentMethod = form.get("payment_method");
        }
        if (intent.paymentMethod == null) {
            return new Reply(400, error("invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot confirm this PaymentIntent because it's missing a payment method."));
        }
        if (!intent.status.equals("requires_confirmation") && !intent.status.equals("requires_payment_method")) {
            return new Reply(400, error("invalid_request_error", "payment_intent_unexpected_state",
                    "This PaymentIntent's status is " + intent.status + " and cannot be confirmed."));
        }
        boolean declined = declinedAmounts.contains(intent.amount)
                || declinesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || intent.paymentMethod.equals("pm_card_chargeDeclined");
        if (declined) {
            String code = declinedAmounts.contains(intent.amount) ? declineCode : "generic_decline";
            intent.status = "requires_payment_method";
            intent.lastPaymentError = new JsonObject().put("type", "card_error").put("code", "card_declined")
                    .put("decline_code", code).put("message", "Your card was declined.");
            JsonObject error = intent.lastPaymentError.copy().put("payment_intent", intent.json())
                    .put("charge", "ch_" + randomId());
            return new Reply(402, new JsonObject().put("error", error).encode());
        }
        String status = Objects.requireNonNullElse(nextIntentStatuses.poll(), "succeeded");
        intent.status = status;
        if (status.equals("succeeded")) {
            intent.chargeId = "ch_" + randomId();
        }
        return new Reply(200, intent.json().encode());
    }

    private Reply refund(Map<String, String> form, String key) {
        String intentId = form.get("payment_intent");
        if (intentId == null) {
            return new Reply(400, error("invalid_request_error", "parameter_missing",
                    "Missing required param: payment_intent."));
        }
        Intent intent = intents.get(intentId);
        if (intent == null) {
            return missing("payment_intent", intentId);
        }
        if (!intent.status.equals("succeeded")) {
            return new Reply(400, error("invalid_request_error", "charge_not_refundable", "This PaymentIntent ("
                    + intentId + ") does not have a successful charge to refund."));
        }
        long remaining = intent.amount - intent.amountRefunded;
        if (remaining <= 0) {
            return new Reply(400, error("invalid_request_error", "charge_already_refunded", "Charge "
                    + intent.chargeId + " has already been refunded."));
        }
        long amount = form.get("amount") == null ? remaining : Long.parseLong(form.get("amount"));
        if (amount > remaining) {
            return new Reply(400, error("invalid_request_error", "amount_too_large", "Refund amount ($"
                    + amount / 100.0 + ") is greater than unrefunded amount on charge ($" + remaining / 100.0 + ")"));
        }
        Refund refund = new Refund("re_" + randomId(), intentId, amount, refundStatus, key);
        if (!refund.status().equals("failed")) {
            intent.amountRefunded += amount;
        }
        refunds.add(refund);
        return new Reply(200, refund.json(metadataOf(form)).encode());
    }

    private void respond(HttpServerRequest request, Map<String, String> form, Reply reply, boolean replayed) {
        record(request, form, reply.status(), replayed);
        if (request.response().closed()) {
            return;
        }
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
                .putHeader("Request-Id", "req_" + randomId());
        if (replayed) {
            request.response().putHeader("Idempotent-Replayed", "true");
        }
        request.response().end(reply.body() == null ? "" : reply.body());
    }

    private void record(HttpServerRequest request, Map<String, String> form, int status, boolean replayed) {
        requests.add(new Request(request.method().name(), request.path(), request.getHeader("Idempotency-Key"),
                request.getHeader("Authorization"), request.getHeader("Stripe-Version"), Collections.unmodifiableMap(form),
                status, replayed));
    }

    private static Reply missing(String what, String id) {
        return new Reply(404, error("invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'"));
    }

    private static String error(String type, String code, String message) {
        return new JsonObject().put("error", new JsonObject().put("type", type).put("code", code)
                .put("message", message)).encode();
    }

    /** {@code metadata[payment_id]=7} -> {@code payment_id: 7}. */
    private static Map<String, String> metadataOf(Map<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
            }
        });
        return metadata;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            // repeated names (payment_method_types[]) are kept as one comma-joined value: enough to compare
            form.merge(name, value, (first, second) -> first + "," + second);
        }
        return form;
    }

    private static String mask(String authorization) {
        if (authorization == null) {
            return "(none)";
        }
        String key = authorization.replaceFirst("^Bearer ", "");
        return key.length() <= 8 ? "****" : key.substring(0, 8) + "****" + key.substring(key.length() - 4);
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
