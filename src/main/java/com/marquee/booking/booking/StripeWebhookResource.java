package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.logging.RateLimitedLog;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.integration.payments.StripeEvent;
import com.marquee.booking.integration.payments.StripeWebhookVerifier;
import com.marquee.booking.payment.ProviderEvent;
import com.marquee.booking.payment.StripePaymentProvider;

import io.smallrye.mutiny.Uni;

/**
 * Stripe's webhook. The signature is checked on the raw bytes before anything is read ({@code Stripe-Signature}:
 * HMAC-SHA256 of {@code "{t}.{body}"} with the endpoint's secret, 5-minute tolerance); a bad one is 400 and
 * changes nothing. The three events that settle a payment go through the same settlement as a live request;
 * others are acknowledged and ignored. Answered 200 once applied (or already applied, or about a payment we do
 * not know), so Stripe stops redelivering; 409 when a refund arrives before its charge settled, so it
 * redelivers later.
 */
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Path("/api/payments/webhooks/stripe")
@Tag(name = "Payments")
public class StripeWebhookResource {

    private static final Logger LOG = Logger.getLogger(StripeWebhookResource.class);

    private final BookingLifecycle lifecycle;
    private final StripeWebhookVerifier verifier;
    private final Clock clock;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public StripeWebhookResource(BookingLifecycle lifecycle, BookingConfig config, Clock clock) {
        BookingConfig.Payments.Stripe stripe = config.payments().stripe();
        this.lifecycle = lifecycle;
        this.verifier = new StripeWebhookVerifier(stripe.webhookSecret().orElse(null), stripe.webhookTolerance());
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveStripeWebhook",
            summary = "Stripe webhook: payment_intent.succeeded, payment_intent.payment_failed, charge.refunded",
            description = "Verified with the Stripe-Signature header (HMAC-SHA256 of \"{t}.{raw body}\" with the"
                    + " endpoint's secret, 5-minute tolerance); a bad signature is 400 and changes nothing. Applied once"
                    + " per event id; an event about a payment we do not know changes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "payment_intent.succeeded", value = """
                    {"id": "evt_1", "type": "payment_intent.succeeded", "created": 1790000000, "data": {"object":
                    {"id": "pi_1", "object": "payment_intent", "status": "succeeded", "amount": 2500,
                    "metadata": {"payment_id": "7", "booking_id": "1001"}}}}""")))
    @APIResponse(responseCode = "200", description = "Received: applied, a duplicate, about an unknown payment, or ignored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "applied", value = "{\"received\": true, \"result\": \"applied\"}")))
    @APIResponse(responseCode = "409", description = "A refund notice before its charge settled: redeliver later")
    public Uni<Map<String, Object>> receive(@RestHeader("Stripe-Signature") String signature, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        StripeWebhookVerifier.Verification verification = verifier.verify(signature, raw, clock.instant());
        if (!verification.verified()) {
            refusals.warn("Refused a Stripe webhook: " + verification.failure() + " (" + verification.detail() + ")");
            throw new InvalidRequest("Stripe-Signature", verification.detail());
        }
        StripeEvent event;
        try {
            event = StripeEvent.parse(raw);
        } catch (StripeEvent.Malformed e) {
            throw InvalidRequest.body(e.getMessage());
        }
        ProviderEvent.Kind kind = switch (event.type()) {
            case StripeEvent.PAYMENT_INTENT_SUCCEEDED -> ProviderEvent.Kind.CHARGE_SUCCEEDED;
            case StripeEvent.PAYMENT_INTENT_PAYMENT_FAILED -> ProviderEvent.Kind.CHARGE_FAILED;
            // a partial refund leaves the booking paid: only a full refund is acted on
            case StripeEvent.CHARGE_REFUNDED -> Boolean.TRUE.equals(event.refunded()) ? ProviderEvent.Kind.REFUNDED : null;
            default -> null;
        };
        if (kind == null || (event.paymentId() == null && event.paymentIntentId() == null)) {
            return Uni.createFrom().item(Map.of("received", true, "result", "ignored"));
        }
        ProviderEvent notice = new ProviderEvent(StripePaymentProvider.NAME, event.id(), event.type(), kind,
                event.paymentId(), event.paymentIntentId(), kind == ProviderEvent.Kind.REFUNDED ? event.objectId() : null,
                event.failureReason(), event.amount());
        return lifecycle.apply(notice)
                .map(applied -> Map.of("received", true, "result", applied.name().toLowerCase()));
    }
}
