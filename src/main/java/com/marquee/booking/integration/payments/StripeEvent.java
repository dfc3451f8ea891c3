package com.marquee.booking.integration.payments;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Stripe webhook event, reduced to what settles a payment. Read only after its signature was verified.
 * <ul>
 * <li>{@code objectId}: the event's {@code data.object.id} ({@code pi_...} for the payment_intent events,
 * {@code ch_...} for {@code charge.refunded});</li>
 * <li>{@code paymentIntentId}: the intent concerned, for every type (the object itself, or a charge's
 * {@code payment_intent});</li>
 * <li>{@code paymentId}, {@code bookingId}: our ids from the object's {@code metadata} (set on the intent when
 * it was created), null when absent or not numbers;</li>
 * <li>{@code status}: the object's status; {@code failureReason}: for {@code payment_intent.payment_failed},
 * the {@code last_payment_error}'s decline code, code or message;</li>
 * <li>{@code amount}, {@code amountRefunded}, {@code refunded}: minor units; the last two for charges.</li>
 * </ul>
 * Any other event type parses too (its common fields filled), so the caller can acknowledge and ignore it.
 */
public record StripeEvent(String id, String type, Instant created, String objectId, String paymentIntentId,
        Long paymentId, Long bookingId, String status, String failureReason, Long amount, Long amountRefunded,
        Boolean refunded) {

    public static final String PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_INTENT_PAYMENT_FAILED = "payment_intent.payment_failed";
    public static final String CHARGE_REFUNDED = "charge.refunded";

    /** The body is not a Stripe event: no JSON object, or no {@code id}, {@code type} or {@code data.object}. */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static StripeEvent parse(byte[] rawBody) {
        JsonNode root;
        try {
            root = JSON.readTree(rawBody);
        } catch (IOException e) {
            throw new Malformed("The event is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("The event is not a JSON object");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        JsonNode object = root.path("data").path("object");
        if (id == null || type == null || !object.isObject()) {
            throw new Malformed("The event has no id, type or data.object");
        }
        Instant created = root.path("created").canConvertToLong() ? Instant.ofEpochSecond(root.get("created").asLong())
                : null;
        String objectId = text(object, "id");
        boolean isIntent = "payment_intent".equals(text(object, "object")) || type.startsWith("payment_intent.");
        String intentId = isIntent ? objectId : text(object, "payment_intent");
        JsonNode metadata = object.path("metadata");
        JsonNode lastError = object.path("last_payment_error");
        String failureReason = lastError.isObject() ? firstOf(lastError, "decline_code", "code", "message") : null;
        return new StripeEvent(id, type, created, objectId, intentId, number(metadata, "payment_id"),
                number(metadata, "booking_id"), text(object, "status"), failureReason, number(object, "amount"),
                number(object, "amount_refunded"),
                object.path("refunded").isBoolean() ? object.get("refunded").booleanValue() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String firstOf(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Metadata values are strings in Stripe ({@code "42"}); amounts are numbers. */
    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        return null;
    }
}
