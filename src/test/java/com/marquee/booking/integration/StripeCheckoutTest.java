package com.marquee.booking.integration;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.bookingStatus;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Payments.cancel;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.createPayment;
import static com.marquee.booking.support.Payments.process;
import static com.marquee.booking.support.Payments.paymentStatus;
import static com.marquee.booking.support.Payments.refund;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.InjectStripeStub;
import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.StripeStub;
import com.marquee.booking.support.UpstreamProfile;
import com.marquee.booking.support.UpstreamStub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Checkout against Stripe's API (the {@link StripeStub}, over real HTTP): approvals, declines, answers that never
 * come, a provider that is down, refunds and webhooks. The stub counts what the provider did, so each test can
 * assert "charged exactly once". HTTP-only: {@link StripeCheckoutIT} runs it against the packaged app, where the
 * reconciler is the app's own scheduled job.
 */
@QuarkusTest
@TestProfile(UpstreamProfile.class)
class StripeCheckoutTest {

    @InjectStripeStub
    StripeStub stripe;

    @InjectUpstreamStub
    UpstreamStub upstream;

    @AfterEach
    void resetStubs() {
        stripe.reset();
        upstream.reset();
    }

    /** A user the User Service knows. */
    private long user() {
        long id = nextId();
        upstream.user(id);
        return id;
    }

    @Test
    void anApprovedCheckoutChargesOnceAndConfirms() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "A", 1, "A", 2);

        JsonPath paid = complete(bookingId).then().statusCode(200).body("booking.status", equalTo("confirmed"))
                .body("payment.status", equalTo("completed")).body("payment.amount", equalTo(25.0f))
                .body("payment.gateway_reference", startsWith("pi_")).extract().jsonPath();

        long paymentId = paid.getLong("payment.payment_id");
        assertEquals(1, stripe.successfulCharges(paymentId));
        StripeStub.Request charge = stripe.requests("POST", "/v1/payment_intents").get(0);
        assertTrue(charge.idempotencyKey() != null && !charge.idempotencyKey().isBlank(), charge.toString());
        assertEquals("2500", charge.form().get("amount"));
        assertEquals("true", charge.form().get("confirm"));
        assertEquals(String.valueOf(paymentId), charge.form().get("metadata[payment_id]"));
        assertEquals(String.valueOf(bookingId), charge.form().get("metadata[booking_id]"));
    }

    @Test
    void aDeclineFailsThePaymentKeepsTheHoldAndARetryCanPay() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "B", 1);
        stripe.declineNext(1);

        assertProblem(complete(bookingId), 402, "payment-declined");
        assertEquals("pending", bookingStatus(bookingId));

        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");
        assertEquals(1, stripe.successfulCharges(paymentId));
        assertEquals("confirmed", bookingStatus(bookingId));
    }

    @Test
    void aProvider500IsRetriedUnderTheSameKeyAndChargesOnce() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "C", 1);
        stripe.failNext(1, 500, "/v1/payment_intents");

        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");

        List<StripeStub.Request> attempts = stripe.requests("POST", "/v1/payment_intents");
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(attempts.get(0).idempotencyKey(), attempts.get(1).idempotencyKey());
        assertEquals(1, stripe.successfulCharges(paymentId));
    }

    @Test
    void anAnswerThatNeverComesIs202ThenTheReconcilerConfirmsWithOneCharge() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "D", 1);
        // Stripe takes the charge but answers after our timeout
        stripe.latency(UpstreamProfile.PROVIDER_TIMEOUT_MILLIS + 700);

        JsonPath accepted = complete(bookingId).then().statusCode(202).body("booking.status", equalTo("pending"))
                .body("payment.status", equalTo("processing")).extract().jsonPath();
        long paymentId = accepted.getLong("payment.payment_id");
        stripe.latency(0);

        await(() -> bookingStatus(bookingId).equals("confirmed"), "the reconciler confirms the booking");
        assertEquals(1, stripe.successfulCharges(paymentId));
        assertEquals("completed", paymentStatus(paymentId));
        booking(bookingId).then().body("booking.payment_id", equalTo((int) paymentId));
    }

    @Test
    void aProviderThatIsDownLeavesThePaymentProcessingUntilItAnswersAgain() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "E", 1);
        stripe.stop();
        try {
            long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath()
                    .getLong("payment.payment_id");
            assertEquals("processing", paymentStatus(paymentId));
            // never a decline: the money may or may not have moved
            assertEquals("pending", bookingStatus(bookingId));
            stripe.restart();
            await(() -> bookingStatus(bookingId).equals("confirmed"), "the reconciler confirms once Stripe is back");
            assertEquals(1, stripe.successfulCharges(paymentId));
        } finally {
            stripe.restart();
        }
    }

    @Test
    void aRefundGoesToTheProviderOnceAndCancelsTheBooking() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "F", 1);
        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");

        refund(paymentId).then().statusCode(200).body("payment.status", equalTo("refunded"))
                .body("booking.status", equalTo("cancelled"));
        assertProblem(refund(paymentId), 409, "payment-not-completed");

        assertEquals(1, stripe.refundsOfPayment(paymentId));
        assertEquals("cancelled", bookingStatus(bookingId));
    }

    @Test
    void cancellingAPaidBookingRefundsItOnce() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "G", 1);
        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");

        cancel(bookingId).then().statusCode(200).body("booking.status", equalTo("cancelled"))
                .body("booking.payment.status", equalTo("refunded"));

        assertEquals(1, stripe.refundsOfPayment(paymentId));
    }

    @Test
    void aRefundWithNoAnswerStaysRefundingUntilTheReconcilerFinishesIt() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "H", 1);
        long paymentId = complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");
        stripe.failNext(3, 503, "/v1/refunds");

        refund(paymentId).then().statusCode(202).body("payment.status", equalTo("refunding"))
                .body("booking.status", equalTo("cancelled"));

        await(() -> paymentStatus(paymentId).equals("refunded"), "the reconciler finishes the refund");
        assertEquals(1, stripe.refundsOfPayment(paymentId));
    }

    @Test
    void aSignedWebhookSettlesACheckoutWhoseAnswerWasLost() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "J", 1);
        // the charge ends "processing" at Stripe: an unknown outcome for us
        stripe.nextIntentStatus("processing");
        JsonPath accepted = complete(bookingId).then().statusCode(202).extract().jsonPath();
        long paymentId = accepted.getLong("payment.payment_id");
        String intent = stripe.intentsOf(paymentId).get(0);

        stripe.settle(intent, "succeeded");
        StripeStub.SignedEvent succeeded = stripe.event("payment_intent.succeeded", intent);
        webhook(succeeded).then().statusCode(200).body("result", equalTo("applied"));

        assertEquals("confirmed", bookingStatus(bookingId));
        assertEquals("completed", paymentStatus(paymentId));
        // the same event again changes nothing
        webhook(succeeded).then().statusCode(200).body("result", equalTo("duplicate"));
        assertEquals(1, stripe.successfulCharges(paymentId));
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedAndChangesNothing() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "K", 1);
        stripe.nextIntentStatus("processing");
        long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath().getLong("payment.payment_id");
        String intent = stripe.intentsOf(paymentId).get(0);
        StripeStub.SignedEvent event = stripe.event("payment_intent.succeeded", intent);

        StripeStub.SignedEvent forged = StripeStub.sign(event.body(), "whsec_not_the_secret",
                System.currentTimeMillis() / 1000);
        assertProblem(webhook(forged), 400, "invalid-request");
        assertProblem(webhook(new StripeStub.SignedEvent(event.id(), event.body().replace("succeeded", "canceled"),
                event.signature())), 400, "invalid-request");
        StripeStub.SignedEvent stale = StripeStub.sign(event.body(), stripe.webhookSecret(),
                System.currentTimeMillis() / 1000 - 600);
        assertProblem(webhook(stale), 400, "invalid-request");

        assertEquals("processing", paymentStatus(paymentId));
        assertEquals("pending", bookingStatus(bookingId));
    }

    @Test
    void aRefundNoticeBeforeItsChargeSettledIsRefusedForRedelivery() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "L", 1);
        stripe.nextIntentStatus("processing");
        long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath().getLong("payment.payment_id");
        String intent = stripe.intentsOf(paymentId).get(0);

        String refundedCharge = StripeStub.eventBody("charge.refunded", new io.vertx.core.json.JsonObject()
                .put("id", "ch_" + nextId()).put("object", "charge").put("payment_intent", intent)
                .put("amount", 1250).put("amount_refunded", 1250).put("refunded", true)
                .put("metadata", new io.vertx.core.json.JsonObject().put("payment_id", String.valueOf(paymentId))));
        assertProblem(webhook(StripeStub.sign(refundedCharge, stripe.webhookSecret(), System.currentTimeMillis() / 1000)),
                409, "event-out-of-order");

        stripe.settle(intent, "succeeded");
        webhook(stripe.event("payment_intent.succeeded", intent)).then().statusCode(200);
        assertEquals("confirmed", bookingStatus(bookingId));
    }

    @Test
    void aWebhookAboutAnIntentWeDoNotKnowChangesNothing() {
        String body = StripeStub.eventBody("payment_intent.succeeded", new io.vertx.core.json.JsonObject()
                .put("id", "pi_unknown_" + nextId()).put("object", "payment_intent").put("status", "succeeded")
                .put("amount", 1000).put("metadata", new io.vertx.core.json.JsonObject().put("payment_id", "987654321")));
        webhook(StripeStub.sign(body, stripe.webhookSecret(), System.currentTimeMillis() / 1000)).then()
                .statusCode(200).body("result", equalTo("unknown_payment"));
    }

    @Test
    void aProcessingChargeIsReadBackByItsIdNotCreatedAgain() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "A", 1);
        stripe.nextIntentStatus("processing");
        long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath().getLong("payment.payment_id");
        String intent = stripe.intentsOf(paymentId).get(0);
        // the intent Stripe named is recorded at once: the reconciler reads it, never replays the create request
        given().get("/api/payments/" + paymentId).then().body("payment.gateway_reference", equalTo(intent));

        stripe.settle(intent, "succeeded"); // and no webhook arrives
        await(() -> bookingStatus(bookingId).equals("confirmed"), "the reconciler reads the intent back");
        assertEquals(1, stripe.requests("POST", "/v1/payment_intents").size());
        assertTrue(!stripe.requests("GET", "/v1/payment_intents/" + intent).isEmpty());
        assertEquals(1, stripe.successfulCharges(paymentId));
    }

    @Test
    void aSucceededEventOfAnotherAmountDoesNotSettleThePayment() {
        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "A", 1);
        stripe.nextIntentStatus("processing");
        long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath().getLong("payment.payment_id");
        String intent = stripe.intentsOf(paymentId).get(0);

        String otherAmount = StripeStub.eventBody("payment_intent.succeeded", new io.vertx.core.json.JsonObject()
                .put("id", intent).put("object", "payment_intent").put("status", "succeeded").put("amount", 99)
                .put("metadata", new io.vertx.core.json.JsonObject().put("payment_id", String.valueOf(paymentId))));
        webhook(StripeStub.sign(otherAmount, stripe.webhookSecret(), System.currentTimeMillis() / 1000)).then()
                .statusCode(200).body("result", equalTo("unknown_payment"));
        String otherIntent = StripeStub.eventBody("payment_intent.succeeded", new io.vertx.core.json.JsonObject()
                .put("id", "pi_second_" + nextId()).put("object", "payment_intent").put("status", "succeeded")
                .put("amount", 1250)
                .put("metadata", new io.vertx.core.json.JsonObject().put("payment_id", String.valueOf(paymentId))));
        webhook(StripeStub.sign(otherIntent, stripe.webhookSecret(), System.currentTimeMillis() / 1000)).then()
                .statusCode(200).body("result", equalTo("unknown_payment"));
        assertEquals("processing", paymentStatus(paymentId));
        assertEquals("pending", bookingStatus(bookingId));

        stripe.settle(intent, "succeeded");
        webhook(stripe.event("payment_intent.succeeded", intent)).then().statusCode(200)
                .body("result", equalTo("applied"));
        assertEquals("confirmed", bookingStatus(bookingId));
    }

    @Test
    void aPaymentForABookingThatEndedIsRefusedAndOneThatEndsWhileChargingIsRefunded() {
        long ended = holdOk(newShowtime(12, 10, "12.50"), user(), "A", 1);
        long early = createPayment("12.50", null, ended).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        cancel(ended).then().statusCode(200);
        assertProblem(createPayment("12.50", null, ended), 409, "booking-not-pending");
        // the cancel failed the payment still pending for it: nothing left to charge
        assertEquals("failed", paymentStatus(early));
        assertProblem(process(early), 409, "payment-not-pending");
        assertEquals(0, stripe.requests("POST", "/v1/payment_intents").size());

        long bookingId = holdOk(newShowtime(12, 10, "12.50"), user(), "A", 1);
        long paymentId = createPayment("12.50", null, bookingId).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        stripe.nextIntentStatus("processing");
        process(paymentId).then().statusCode(202);
        cancel(bookingId).then().statusCode(200); // the hold ends while the charge is in flight

        String intent = stripe.intentsOf(paymentId).get(0);
        stripe.settle(intent, "succeeded");
        webhook(stripe.event("payment_intent.succeeded", intent)).then().statusCode(200);
        await(() -> paymentStatus(paymentId).equals("refunded"), "the charge for seats no longer held is refunded");
        assertEquals(1, stripe.refundsOfPayment(paymentId));
    }

    private static Response webhook(StripeStub.SignedEvent event) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", event.signature()).body(event.body())
                .post("/api/payments/webhooks/stripe");
    }

    /** Polls for a state the app reaches on its own (the reconciler runs every 500 ms). */
    static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
