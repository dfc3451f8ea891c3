package com.marquee.booking.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.marquee.booking.common.idempotency.StoredResponse;
import com.marquee.booking.common.json.StrictJsonCustomizer;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.SeatView;

/**
 * The answers a checkout replays for an Idempotency-Key, rendered without the app: status, media type,
 * snake_case bodies, and RFC 9457 problems for a decline and for a booking cancelled while it was paid.
 */
class CheckoutAnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-19T10:40:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-19T10:50:00Z");

    /** Reads numbers as written, so that 20.00 on the wire is asserted as 20.00, not 20.0. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private final CheckoutAnswers answers = new CheckoutAnswers(mapper());

    @Test
    void aCreatedBookingIs201WithItsLocationAndBothClientsShapes() {
        StoredResponse created = answers.bookingCreated(booking("pending", null, null));

        assertEquals(201, created.status());
        assertEquals("application/json", created.contentType());
        assertEquals("/api/bookings/501", created.location());
        JsonNode body = body(created);
        assertEquals("Booking created", body.get("message").asText());
        assertEquals(501, body.get("booking_id").asLong());
        assertEquals("pending", body.get("status").asText());
        assertEquals("/api/bookings/501", body.get("poll_url").asText());
        JsonNode booking = body.get("booking");
        assertEquals(123, booking.get("showtime_id").asLong());
        assertEquals("2026-11-19T10:50:00Z", booking.get("hold_expiry_time").asText());
        assertEquals(new BigDecimal("20.00"), booking.get("amount_due").decimalValue());
        assertEquals("A", booking.get("seats").get(0).get("row").asText());
        assertEquals("on_hold", booking.get("seats").get(0).get("status").asText());
        assertFalse(booking.has("movie"), "no movie member unless the Movie Service named one");
    }

    @Test
    void aCompletedCheckoutIs200WithTheConfirmedBookingAndItsPayment() {
        PaymentView payment = payment("completed", null);
        StoredResponse answer = answers.completion(new Settlement(Settlement.Outcome.COMPLETED,
                booking("confirmed", 77L, payment), payment));

        assertEquals(200, answer.status());
        assertNull(answer.location());
        JsonNode body = body(answer);
        assertEquals("Booking completed", body.get("message").asText());
        assertEquals("confirmed", body.get("booking").get("status").asText());
        assertEquals(77, body.get("booking").get("payment_id").asLong());
        assertEquals("completed", body.get("payment").get("status").asText());
        assertEquals("sim_1", body.get("payment").get("gateway_reference").asText());
    }

    @Test
    void aPendingProviderAnswerIs202AndSaysWhereToPoll() {
        PaymentView payment = payment("processing", null);
        StoredResponse answer = answers.completion(new Settlement(Settlement.Outcome.PENDING,
                booking("pending", null, null), payment));

        assertEquals(202, answer.status());
        assertTrue(body(answer).get("message").asText().contains("poll /api/bookings/501"));
    }

    @Test
    void aDeclinedCheckoutIsA402ProblemThatSaysTheBookingStaysPending() {
        PaymentView payment = payment("failed", "card declined");
        StoredResponse answer = answers.completion(new Settlement(Settlement.Outcome.DECLINED,
                booking("pending", null, null), payment));

        JsonNode problem = problem(answer, 402, "payment-declined", "/api/bookings/501/complete");
        assertEquals("Payment 77 of 20.00 was declined: card declined; booking 501 stays pending until its hold"
                + " expires at 2026-11-19T10:50:00Z; retry or confirm it with another payment",
                problem.get("detail").asText());
    }

    @Test
    void aCheckoutCancelledWhilePayingIsA409Problem() {
        PaymentView payment = payment("refunding", null);
        StoredResponse answer = answers.completion(new Settlement(Settlement.Outcome.REFUNDED,
                booking("cancelled", null, null), payment));

        JsonNode problem = problem(answer, 409, "booking-cancelled-while-paying", "/api/bookings/501/complete");
        assertTrue(problem.get("detail").asText().contains("the charge is refunded"));
    }

    @Test
    void processingAPaymentAnswersForThePaymentAlone() {
        assertEquals(200, answers.processing(new Settlement(Settlement.Outcome.COMPLETED, null,
                payment("completed", null))).status());
        StoredResponse pending = answers.processing(new Settlement(Settlement.Outcome.PENDING, null,
                payment("processing", null)));
        assertEquals(202, pending.status());
        assertTrue(body(pending).get("message").asText().endsWith("poll /api/payments/77"));
        assertFalse(body(pending).has("booking"), "a payment without a booking has no booking member");

        JsonNode declined = problem(answers.processing(new Settlement(Settlement.Outcome.DECLINED, null,
                payment("failed", "issuer said no"))), 402, "payment-declined", "/api/payments/77/process");
        assertTrue(declined.get("detail").asText().endsWith("issuer said no; the payment is now failed"));
    }

    @Test
    void aCreatedPaymentIs201WithItsLocation() {
        StoredResponse created = answers.paymentCreated(payment("pending", null));

        assertEquals(201, created.status());
        assertEquals("/api/payments/77", created.location());
        JsonNode body = body(created);
        assertEquals("Payment created", body.get("message").asText());
        assertEquals(77, body.get("payment").get("payment_id").asLong());
        assertEquals("user:7", body.get("payment").get("created_by").asText());
        assertEquals(new BigDecimal("20.00"), body.get("payment").get("amount").decimalValue());
    }

    private JsonNode problem(StoredResponse answer, int status, String slug, String instance) {
        assertEquals(status, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        JsonNode problem = body(answer);
        assertEquals("/problems/" + slug, problem.get("type").asText());
        assertEquals(slug.replace('-', '_'), problem.get("error").asText());
        assertEquals(status, problem.get("status").asInt());
        assertEquals(instance, problem.get("instance").asText());
        assertFalse(problem.get("title").asText().isBlank());
        assertFalse(problem.has("errors"), "no empty extension members");
        return problem;
    }

    private static JsonNode body(StoredResponse response) {
        try {
            return EXACT.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static BookingView booking(String status, Long paymentId, PaymentView payment) {
        List<SeatView> seats = List.of(new SeatView("A", 1, 1, "A", "confirmed".equals(status) ? "booked" : "on_hold",
                "pending".equals(status) ? EXPIRY : null, 501L, 123L));
        return new BookingView(501, 7, 123, status, paymentId, NOW, "pending".equals(status) ? EXPIRY : null,
                new BigDecimal("10.00"), new BigDecimal("20.00"), seats, payment, null, NOW, NOW);
    }

    private static PaymentView payment(String status, String failureReason) {
        return new PaymentView(77, new BigDecimal("20.00"), status, "user:7", 501L, "sim_1", failureReason, NOW, NOW);
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }
}
