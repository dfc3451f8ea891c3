package com.marquee.booking.integration.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook envelope, read into what settles a payment. */
class StripeEventTest {

    @Test
    void paymentIntentSucceededNamesTheIntentAndOurIds() {
        StripeEvent event = parse("""
                {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "created": 1700000000,
                 "data": {"object": {"id": "pi_1", "object": "payment_intent", "status": "succeeded",
                   "amount": 2550, "metadata": {"payment_id": "42", "booking_id": "7"}}}}""");

        assertEquals("evt_1", event.id());
        assertEquals(StripeEvent.PAYMENT_INTENT_SUCCEEDED, event.type());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), event.created());
        assertEquals("pi_1", event.objectId());
        assertEquals("pi_1", event.paymentIntentId());
        assertEquals(42L, event.paymentId());
        assertEquals(7L, event.bookingId());
        assertEquals("succeeded", event.status());
        assertEquals(2550L, event.amount());
        assertNull(event.failureReason());
    }

    @Test
    void paymentFailedCarriesTheDeclineReason() {
        StripeEvent event = parse("""
                {"id": "evt_2", "type": "payment_intent.payment_failed", "created": 1700000001,
                 "data": {"object": {"id": "pi_2", "object": "payment_intent", "status": "requires_payment_method",
                   "last_payment_error": {"code": "card_declined", "decline_code": "insufficient_funds"},
                   "metadata": {"payment_id": "43"}}}}""");

        assertEquals("pi_2", event.paymentIntentId());
        assertEquals(43L, event.paymentId());
        assertNull(event.bookingId());
        assertEquals("insufficient_funds", event.failureReason());
    }

    @Test
    void chargeRefundedNamesItsIntentAndTheAmounts() {
        StripeEvent event = parse("""
                {"id": "evt_3", "type": "charge.refunded", "created": 1700000002,
                 "data": {"object": {"id": "ch_3", "object": "charge", "payment_intent": "pi_3", "amount": 4000,
                   "amount_refunded": 4000, "refunded": true, "metadata": {}}}}""");

        assertEquals("ch_3", event.objectId());
        assertEquals("pi_3", event.paymentIntentId());
        assertEquals(4000L, event.amountRefunded());
        assertEquals(Boolean.TRUE, event.refunded());
        assertNull(event.paymentId());
    }

    @Test
    void otherTypesParseForTheCallerToIgnore() {
        StripeEvent event = parse("""
                {"id": "evt_4", "type": "customer.created", "data": {"object": {"id": "cus_1", "object": "customer",
                 "metadata": {"payment_id": "not a number"}}}}""");

        assertEquals("customer.created", event.type());
        assertNull(event.created());
        assertNull(event.paymentIntentId());
        assertNull(event.paymentId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not json", "[]", "42", "{}", "{\"id\": \"evt_1\", \"type\": \"x\"}",
            "{\"id\": \"evt_1\", \"type\": \"x\", \"data\": {\"object\": \"pi_1\"}}",
            "{\"type\": \"x\", \"data\": {\"object\": {}}}" })
    void anythingElseIsMalformed(String body) {
        assertThrows(StripeEvent.Malformed.class, () -> parse(body));
    }

    private static StripeEvent parse(String body) {
        return StripeEvent.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
