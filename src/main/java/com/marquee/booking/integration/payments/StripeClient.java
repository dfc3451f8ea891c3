package com.marquee.booking.integration.payments;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.LazyRestClient;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.UpstreamFailure;
import com.marquee.booking.integration.UpstreamJson;

import io.smallrye.mutiny.Uni;

/**
 * Stripe's PaymentIntents API over HTTP: create-and-confirm a charge, read an intent, refund one. Every call
 * answers a {@link StripeResult} (approved, declined or unknown) and never fails: a failed {@code Uni} would be
 * a bug here, not a provider answer.
 * <p>
 * <b>Why the Quarkus REST Client and not stripe-java.</b> stripe-java is a blocking library (its own HTTP
 * client, about 1 MB of generated models on Gson, reflection that native images must be told about), so every
 * call would have to be moved to a worker thread and would hold it for the whole round trip: under a slow
 * Stripe, worker threads, not the cheap event loop, become what runs out. The three endpoints checkout needs
 * are small and stable, so this client speaks them directly: non-blocking on the Vert.x event loop like the
 * Theatre, User and Movie clients, with the same metrics and no extra dependency. What the SDK would have
 * given us, we do here explicitly: form encoding, the pinned {@code Stripe-Version}, the {@code Idempotency-Key}
 * on every POST, and retries that reuse it.
 * <p>
 * <b>Limits.</b> Each call is bounded by {@code booking.payments.timeout} overall (retries included); an answer
 * that has not come by then is {@link StripeResult.Verdict#UNKNOWN}. Answers 5xx and transport failures
 * (refused, reset) are retried at most {@value #MAX_RETRIES} times, quickly, <em>with the same idempotency
 * key</em>: Stripe then replays the first request's answer or runs it once, so a retry can never charge twice.
 * Nothing else is retried: 409 (the same key still in flight) and 429 (rate limited) are unknown at once, for
 * the reconciler to settle later. There is deliberately no circuit breaker: an open circuit would turn every
 * checkout into an unknown outcome for its whole delay without even asking Stripe, while the calls it would
 * spare cost us nothing but their bounded time (no lock, transaction or connection is held during them).
 * <p>
 * <b>How answers map</b> (create; retrieve and refund below):
 * <table>
 * <tr><td>200, intent {@code succeeded}</td><td>approved, reference {@code pi_...}</td></tr>
 * <tr><td>200, intent {@code requires_payment_method} or {@code canceled}</td><td>declined (the card was
 * refused, or the intent ended without a charge)</td></tr>
 * <tr><td>200, intent {@code processing}, {@code requires_action}, {@code requires_confirmation},
 * {@code requires_capture}</td><td>unknown, reference {@code pi_...}: not charged yet, but it may still be
 * (a bank confirming later, a customer authenticating); read the intent again</td></tr>
 * <tr><td>402 (card error)</td><td>declined, reference = the error's {@code payment_intent.id}, reason = its
 * decline code or code and message</td></tr>
 * <tr><td>400 {@code idempotency_error}</td><td>unknown: the earlier request with this key may have charged</td></tr>
 * <tr><td>400, 401, 403, 404 (otherwise)</td><td>declined: Stripe refused the request before charging anything
 * (bad parameters, bad key, no such payment method); the payment is recorded as failed and the reason names
 * the misconfiguration</td></tr>
 * <tr><td>409, 429, 5xx, any other status, timeout, refused or reset connection, unreadable body</td>
 * <td>unknown: never a decline</td></tr>
 * </table>
 */
@ApplicationScoped
public class StripeClient {

    public static final String SERVICE = "stripe";

    /**
     * Pinned so that the answers we parse keep their shape whatever the account's default version becomes;
     * raise it deliberately, with the stub's documents, after reading Stripe's changelog.
     */
    public static final String API_VERSION = "2025-08-27.basil";

    /** Retries after a 5xx or a transport failure, with the same idempotency key. */
    static final int MAX_RETRIES = 2;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(400);

    private final LazyRestClient<StripeRestClient> rest;
    private final BookingMetrics metrics;
    private final ObjectMapper json;
    private final Duration timeout;

    public StripeClient(@RestClient Instance<StripeRestClient> rest, BookingMetrics metrics, ObjectMapper objectMapper,
            BookingConfig config) {
        this.rest = new LazyRestClient<>(rest);
        this.metrics = metrics;
        this.json = UpstreamJson.lenient(objectMapper);
        this.timeout = config.payments().timeout();
    }

    /**
     * A charge. {@code amount} in minor units (cents), {@code currency} lower case ({@code usd}),
     * {@code paymentMethod} a Stripe payment method id ({@code pm_...}); our ids go to the intent's metadata.
     */
    public record IntentRequest(long amount, String currency, String paymentMethod, long paymentId, Long bookingId) {
    }

    /** A refund of {@code amount} minor units of the PaymentIntent {@code paymentIntentId}. */
    public record RefundRequest(String paymentIntentId, long amount, long paymentId, Long bookingId) {
    }

    /**
     * {@code POST /v1/payment_intents} with {@code confirm=true}: creates the intent and charges it in one request.
     * {@code idempotencyKey} is sent as {@code Idempotency-Key}; the same key with the same request (the same
     * {@code request} and configuration) replays the first answer, so it must be stored before calling.
     * {@code payment_method_types[]=card}: a server-side confirm cannot follow a redirect (and so needs no
     * {@code return_url}); a card that asks for authentication answers {@code requires_action} instead.
     */
    public Uni<StripeResult> createAndConfirm(IntentRequest request, String idempotencyKey) {
        if (missing(idempotencyKey)) {
            return withoutKey();
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("amount", Long.toString(request.amount()));
        form.putSingle("currency", request.currency());
        form.putSingle("payment_method", request.paymentMethod());
        form.putSingle("payment_method_types[]", "card");
        form.putSingle("confirm", "true");
        metadata(form, request.paymentId(), request.bookingId());
        return call("POST /v1/payment_intents", null, () -> rest.get().createPaymentIntent(idempotencyKey, form),
                this::chargeAnswer);
    }

    /**
     * {@code GET /v1/payment_intents/{id}}: the intent as it is now (the reconciler's question once we know the
     * intent's id). A GET needs no idempotency key; every answer but a readable intent is unknown, since a
     * failed read says nothing about the money.
     */
    public Uni<StripeResult> retrieve(String intentId) {
        if (intentId == null || intentId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("a PaymentIntent id is required"));
        }
        return call("GET /v1/payment_intents/" + intentId, intentId, () -> rest.get().retrievePaymentIntent(intentId),
                answer -> retrieveAnswer(intentId, answer));
    }

    /**
     * {@code POST /v1/refunds} for a PaymentIntent. Refund outcomes: 200 {@code succeeded} or {@code pending} is
     * approved ({@code pending}: Stripe accepted the refund and the card network completes it; it rarely fails
     * later, and Stripe then reports it as a {@code charge.refund.updated} event, not as this answer);
     * {@code failed}/{@code canceled} declined; {@code requires_action} unknown; 400
     * {@code charge_already_refunded} approved (the money is back, which is what was asked); 400
     * {@code idempotency_error}, 409, 429, 5xx, timeouts unknown; other 4xx declined (nothing was refunded).
     */
    public Uni<StripeResult> refund(RefundRequest request, String idempotencyKey) {
        if (missing(idempotencyKey)) {
            return withoutKey();
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("payment_intent", request.paymentIntentId());
        form.putSingle("amount", Long.toString(request.amount()));
        metadata(form, request.paymentId(), request.bookingId());
        return call("POST /v1/refunds", null, () -> rest.get().createRefund(idempotencyKey, form), this::refundAnswer);
    }

    // --- one call: attempts, retries, the overall limit ------------------------------------------------

    private record Answer(int status, String body) {
    }

    /** A 5xx: retried, and the reason of the unknown outcome if it is the last answer. */
    private static final class ServerError extends UpstreamFailure {
        ServerError(String what, Answer answer) {
            super(what + " answered HTTP " + answer.status());
        }
    }

    private Uni<StripeResult> call(String what, String reference, Supplier<Uni<Response>> send,
            Function<Answer, StripeResult> interpret) {
        Uni<StripeResult> result = Uni.createFrom().deferred(() -> attempt(what, send))
                // only failures get here: 5xx and transport errors; every other answer is an item
                .onFailure().retry().withBackOff(FIRST_RETRY_DELAY, MAX_RETRY_DELAY).atMost(MAX_RETRIES)
                .map(answer -> read(what, reference, answer, interpret))
                .ifNoItem().after(timeout).recoverWithItem(() -> StripeResult.unknown(reference,
                        what + ": no answer within " + timeout.toMillis() + " ms"))
                .onFailure().recoverWithItem(e -> StripeResult.unknown(reference, describe(what, e)));
        return Upstream.onCallerContext(result);
    }

    private Uni<Answer> attempt(String what, Supplier<Uni<Response>> send) {
        long start = System.nanoTime();
        return send.get()
                .map(response -> {
                    Answer answer = new Answer(response.getStatus(), body(response));
                    metrics.upstreamCall(SERVICE, outcome(answer.status()), since(start));
                    if (answer.status() >= 500) {
                        throw new ServerError(what, answer);
                    }
                    return answer;
                })
                .onFailure(e -> !(e instanceof ServerError))
                .invoke(e -> metrics.upstreamCall(SERVICE, "error", since(start)))
                .onCancellation().invoke(() -> metrics.upstreamCall(SERVICE, "timeout", since(start)));
    }

    private StripeResult read(String what, String reference, Answer answer, Function<Answer, StripeResult> interpret) {
        try {
            return interpret.apply(answer);
        } catch (UnreadableAnswer e) {
            return StripeResult.unknown(reference, what + " answered HTTP " + answer.status() + " with a body we "
                    + "cannot read: " + e.getMessage());
        }
    }

    // --- what the answers mean ---------------------------------------------------------------------------

    private StripeResult chargeAnswer(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return intentOutcome(readIntent(answer));
        }
        StripeError error = errorOf(answer);
        if (status == 402) {
            String intentId = error != null && error.paymentIntent() != null ? error.paymentIntent().id() : null;
            return StripeResult.declined(intentId, "card declined: " + (error == null ? "HTTP 402" : error.reason()));
        }
        if (status == 400 && error != null && "idempotency_error".equals(error.type())) {
            return StripeResult.unknown(null, "the idempotency key was first used with other parameters, and that "
                    + "request may have charged: " + error.reason());
        }
        if (status == 400 || status == 401 || status == 403 || status == 404) {
            return StripeResult.declined(null, "Stripe refused the request before charging anything (HTTP " + status
                    + (error == null ? "" : ", " + error.reason()) + ")");
        }
        return StripeResult.unknown(null, unexpected(status, error));
    }

    private StripeResult retrieveAnswer(String intentId, Answer answer) {
        if (answer.status() >= 200 && answer.status() < 300) {
            return intentOutcome(readIntent(answer));
        }
        return StripeResult.unknown(intentId, "reading the intent: " + unexpected(answer.status(), errorOf(answer)));
    }

    private StripeResult refundAnswer(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            StripeRefund refund = readJson(answer, StripeRefund.class);
            if (refund == null || refund.id() == null || refund.status() == null) {
                throw new UnreadableAnswer("no refund id or status");
            }
            return switch (refund.status()) {
                case "succeeded" -> StripeResult.approved(refund.id());
                case "pending" -> StripeResult.approved(refund.id(), "pending: accepted by Stripe, completing");
                case "failed", "canceled" -> StripeResult.declined(refund.id(), "refund " + refund.status()
                        + (refund.failureReason() == null ? "" : ": " + refund.failureReason()));
                default -> StripeResult.unknown(refund.id(), "refund " + refund.status());
            };
        }
        StripeError error = errorOf(answer);
        if (status == 400 && error != null && "charge_already_refunded".equals(error.code())) {
            return StripeResult.approved(null, "already refunded");
        }
        if (status == 400 && error != null && "idempotency_error".equals(error.type())) {
            return StripeResult.unknown(null, "the idempotency key was first used with other parameters, and that "
                    + "request may have refunded: " + error.reason());
        }
        if (status >= 400 && status <= 404) {
            return StripeResult.declined(null, "Stripe refused the refund (HTTP " + status
                    + (error == null ? "" : ", " + error.reason()) + ")");
        }
        return StripeResult.unknown(null, unexpected(status, error));
    }

    private static StripeResult intentOutcome(StripeIntent intent) {
        String id = intent.id();
        return switch (intent.status()) {
            case "succeeded" -> StripeResult.approved(id);
            case "requires_payment_method" -> StripeResult.declined(id, intent.lastPaymentError() == null
                    ? "the payment method was not accepted"
                    : "card declined: " + intent.lastPaymentError().reason());
            case "canceled" -> StripeResult.declined(id, "the PaymentIntent was canceled"
                    + (intent.cancellationReason() == null ? "" : " (" + intent.cancellationReason() + ")"));
            case "processing" -> StripeResult.unknown(id, "processing: the payment method has not confirmed the "
                    + "charge yet; read the intent again later");
            // a server-side checkout has no customer to authenticate (3-D Secure): the intent stays so until
            // it is canceled; not charged, but not refused either
            case "requires_action" -> StripeResult.unknown(id, "requires_action: the card asks for customer "
                    + "authentication, which a server-side checkout cannot give");
            default -> StripeResult.unknown(id, "the PaymentIntent is " + intent.status());
        };
    }

    // --- reading bodies ----------------------------------------------------------------------------------

    /** A 2xx whose body is not what Stripe sends: the outcome is unknown, not a decline. */
    private static final class UnreadableAnswer extends RuntimeException {
        UnreadableAnswer(String message) {
            super(message, null, false, false);
        }
    }

    private StripeIntent readIntent(Answer answer) {
        StripeIntent intent = readJson(answer, StripeIntent.class);
        if (intent == null || intent.id() == null || intent.status() == null) {
            throw new UnreadableAnswer("no PaymentIntent id or status");
        }
        return intent;
    }

    private <T> T readJson(Answer answer, Class<T> type) {
        if (answer.body() == null || answer.body().isBlank()) {
            throw new UnreadableAnswer("empty body");
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new UnreadableAnswer(e.getOriginalMessage());
        }
    }

    /** Stripe's error object, or null if the body is not one (a proxy's page, an empty 429). */
    private StripeError errorOf(Answer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            return null;
        }
        try {
            StripeError.Body body = json.readValue(answer.body(), StripeError.Body.class);
            return body == null ? null : body.error();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The body as text whatever the status (with the default mapper off, an error's body is not read for us). */
    private static String body(Response response) {
        return response.hasEntity() ? response.readEntity(String.class) : null;
    }

    private static String unexpected(int status, StripeError error) {
        return "Stripe answered HTTP " + status + (error == null ? "" : " (" + error.reason() + ")");
    }

    private static void metadata(MultivaluedMap<String, String> form, long paymentId, Long bookingId) {
        form.putSingle("metadata[payment_id]", Long.toString(paymentId));
        if (bookingId != null) {
            form.putSingle("metadata[booking_id]", Long.toString(bookingId));
        }
    }

    private static boolean missing(String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank();
    }

    /** A money-moving POST without a key could charge twice on a retry: a bug in the caller, not an answer. */
    private static Uni<StripeResult> withoutKey() {
        return Uni.createFrom().failure(new IllegalArgumentException("an idempotency key is required for every Stripe POST"));
    }

    private static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "success";
        }
        return status == 402 ? "declined" : "http_error";
    }

    private static String describe(String what, Throwable e) {
        if (e instanceof ServerError) {
            return e.getMessage() + " (after " + MAX_RETRIES + " retries)";
        }
        return what + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
