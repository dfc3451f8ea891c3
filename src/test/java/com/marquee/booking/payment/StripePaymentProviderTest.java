package com.marquee.booking.payment;

import static com.marquee.booking.support.Fixtures.nextId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.payment.PaymentProvider.Charge;
import com.marquee.booking.payment.PaymentProvider.Outcome;
import com.marquee.booking.payment.PaymentProvider.Outcome.Result;
import com.marquee.booking.payment.PaymentProvider.Refund;
import com.marquee.booking.support.InjectStripeStub;
import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.StripeStub;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The Stripe provider against the {@link StripeStub} over real HTTP: every answer Stripe can give mapped to
 * approved, declined or unknown, retries that reuse the idempotency key, and the stub's count of charges showing
 * that nothing is ever charged twice. Runs in the default test app (the provider is a bean even though
 * {@code simulated} is the active one); {@code booking.payments.timeout} is 3 s in tests.
 */
@QuarkusTest
class StripePaymentProviderTest {

    /** Longer than booking.payments.timeout in tests. */
    private static final long SLOWER_THAN_TIMEOUT_MILLIS = 4_500;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    StripePaymentProvider stripe;

    @Inject
    PaymentProvider active;

    @InjectStripeStub
    StripeStub stub;

    @AfterEach
    void resetStub() {
        stub.reset();
    }

    @Test
    void theActiveProviderInTestsIsTheSimulator() {
        assertEquals("simulated", active.name());
        assertEquals("stripe", stripe.name());
    }

    @Test
    void approvedChargeIsOneConfirmedIntentWithOurIdsAndTheKey() {
        Charge charge = charge("25.50");

        Outcome outcome = await(stripe.charge(charge));

        assertEquals(Result.APPROVED, outcome.result(), outcome.reason());
        assertTrue(outcome.reference().startsWith("pi_"), outcome.reference());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
        StripeStub.Request request = stub.requests("POST", "/v1/payment_intents").getFirst();
        assertEquals(charge.idempotencyKey(), request.idempotencyKey());
        assertEquals("Bearer " + StripeStub.API_KEY, request.authorization());
        assertNotNull(request.stripeVersion());
        assertEquals("2550", request.form().get("amount"));
        assertEquals("usd", request.form().get("currency"));
        assertEquals("true", request.form().get("confirm"));
        assertEquals("pm_card_visa", request.form().get("payment_method"));
        assertEquals("card", request.form().get("payment_method_types[]"));
        assertEquals(String.valueOf(charge.paymentId()), request.form().get("metadata[payment_id]"));
        assertEquals(String.valueOf(charge.bookingId()), request.form().get("metadata[booking_id]"));
    }

    @Test
    void cardDeclineIs402DeclinedWithTheIntentAndTheDeclineCode() {
        stub.declineAmount(1013, "insufficient_funds");
        Charge charge = charge("10.13");

        Outcome outcome = await(stripe.charge(charge));

        assertEquals(Result.DECLINED, outcome.result());
        assertEquals(stub.intentsOf(charge.paymentId()).getFirst(), outcome.reference());
        assertTrue(outcome.reason().contains("insufficient_funds"), outcome.reason());
        assertEquals(0, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void timeoutIsUnknownAndTheLookupWithTheSameKeyFindsTheOneCharge() {
        stub.latency(SLOWER_THAN_TIMEOUT_MILLIS);
        Charge charge = charge("12.00");

        long start = System.nanoTime();
        Outcome outcome = await(stripe.charge(charge));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(Result.UNKNOWN, outcome.result(), outcome.reason());
        assertTrue(millis < SLOWER_THAN_TIMEOUT_MILLIS, "took " + millis + " ms");
        // Stripe went on and charged after we stopped waiting: the reconciler's lookup must find that charge
        stub.latency(0);
        Outcome settled = awaitUntil(() -> stripe.lookup(charge, null), o -> !o.unknown());
        assertEquals(Result.APPROVED, settled.result(), settled.reason());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
        assertTrue(stub.requests().stream().anyMatch(StripeStub.Request::replayed), "the lookup was a replay");
    }

    @Test
    void serverErrorsAreRetriedWithTheSameKeyAndChargeOnce() {
        stub.failNext(2, 500);
        Charge charge = charge("30.00");

        Outcome outcome = await(stripe.charge(charge));

        assertEquals(Result.APPROVED, outcome.result(), outcome.reason());
        List<StripeStub.Request> attempts = stub.requests("POST", "/v1/payment_intents");
        assertEquals(3, attempts.size());
        assertTrue(attempts.stream().allMatch(r -> charge.idempotencyKey().equals(r.idempotencyKey())));
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
        assertEquals(1, stub.successfulChargesForKey(charge.idempotencyKey()));
    }

    @Test
    void serverErrorsBeyondTheRetriesAreUnknownNeverDeclined() {
        stub.failNext(10, 503);
        Charge charge = charge("30.00");

        Outcome outcome = await(stripe.charge(charge));

        assertEquals(Result.UNKNOWN, outcome.result());
        assertTrue(outcome.reason().contains("503"), outcome.reason());
        assertEquals(3, stub.requests().size(), "one try and two retries");
        assertEquals(0, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void concurrentRequestWithTheSameKeyIs409UnknownAndOnlyTheFirstCharges() {
        stub.latency(1_500);
        Charge charge = charge("18.00");
        var first = stripe.charge(charge).subscribeAsCompletionStage();
        awaitCondition(() -> stub.inFlight(charge.idempotencyKey()), 5_000);

        Outcome second = await(stripe.charge(charge));

        assertEquals(Result.UNKNOWN, second.result());
        assertTrue(second.reason().contains("409"), second.reason());
        assertEquals(Result.APPROVED, first.toCompletableFuture().join().result());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void rejectedApiKeyIsDeclinedBecauseNothingWasCharged() {
        stub.acceptOnlyKey("sk_test_some_other_key");
        Charge charge = charge("20.00");

        Outcome outcome = await(stripe.charge(charge));

        assertEquals(Result.DECLINED, outcome.result());
        assertTrue(outcome.reason().contains("HTTP 401"), outcome.reason());
        assertEquals(1, stub.requests().size(), "a refusal is not retried");
        assertEquals(0, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void reusedKeyWithOtherParametersIsUnknownBecauseTheFirstMayHaveCharged() {
        Charge charge = charge("20.00");
        assertEquals(Result.APPROVED, await(stripe.charge(charge)).result());
        Charge changed = new Charge(charge.paymentId(), charge.bookingId(), new BigDecimal("21.00"), "usd",
                charge.payer(), charge.idempotencyKey());

        Outcome outcome = await(stripe.charge(changed));

        assertEquals(Result.UNKNOWN, outcome.result());
        assertTrue(outcome.reason().contains("idempotency"), outcome.reason());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void sameKeyAgainReplaysTheFirstAnswer() {
        Charge charge = charge("22.00");
        Outcome first = await(stripe.charge(charge));

        Outcome again = await(stripe.charge(charge));

        assertEquals(first, again);
        assertTrue(stub.requests().getLast().replayed());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void intentsNotSettledYetAreUnknownWithTheirIdAndTheLookupReadsThemAgain() {
        stub.nextIntentStatus("processing");
        Charge charge = charge("15.00");

        Outcome processing = await(stripe.charge(charge));

        assertEquals(Result.UNKNOWN, processing.result());
        assertTrue(processing.reason().startsWith("processing"), processing.reason());
        String intent = processing.reference();
        assertEquals(Result.UNKNOWN, await(stripe.lookup(charge, intent)).result());

        stub.settle(intent, "succeeded");
        assertEquals(Outcome.approved(intent), await(stripe.lookup(charge, intent)));
        assertEquals(2, stub.requests("GET", "/v1/payment_intents/" + intent).size());

        stub.nextIntentStatus("requires_action");
        Outcome action = await(stripe.charge(charge("15.00")));
        assertEquals(Result.UNKNOWN, action.result());
        assertTrue(action.reason().startsWith("requires_action"), action.reason());
    }

    @Test
    void lookupOfADeclinedOrCanceledIntentIsDeclined() {
        Charge charge = charge("15.00");
        String intent = await(stripe.charge(charge)).reference();

        stub.settle(intent, "canceled");
        assertEquals(Result.DECLINED, await(stripe.lookup(charge, intent)).result());
        stub.settle(intent, "requires_payment_method");
        assertEquals(Result.DECLINED, await(stripe.lookup(charge, intent)).result());
    }

    @Test
    void lookupOfAnIntentStripeDoesNotKnowIsUnknown() {
        Outcome outcome = await(stripe.lookup(charge("15.00"), "pi_never_made"));

        assertEquals(Result.UNKNOWN, outcome.result());
        assertEquals("pi_never_made", outcome.reference());
    }

    @Test
    void lookupWithoutAReferenceChargesIfTheFirstRequestNeverArrived() {
        Charge charge = charge("16.00");

        Outcome outcome = await(stripe.lookup(charge, null));

        assertEquals(Result.APPROVED, outcome.result());
        assertEquals(1, stub.successfulCharges(charge.paymentId()));
    }

    @Test
    void refusedConnectionIsUnknownAndQuick() {
        await(stripe.charge(charge("10.00"))); // the client is built and warm
        stub.stop();
        Charge charge = charge("10.00");

        long start = System.nanoTime();
        Outcome outcome = await(stripe.charge(charge));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(Result.UNKNOWN, outcome.result());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void providerThatNeverAnswersIsUnknownAfterTheTimeout() {
        stub.hangNext(10);

        Outcome outcome = await(stripe.charge(charge("10.00")));

        assertEquals(Result.UNKNOWN, outcome.result());
        assertTrue(outcome.reason().contains("no answer within"), outcome.reason());
    }

    @Test
    void unreadableOrUnexpectedAnswersAreUnknown() {
        stub.replyNext(200, "<html>gateway says hello</html>");
        assertEquals(Result.UNKNOWN, await(stripe.charge(charge("10.00"))).result());

        stub.replyNext(200, "{\"object\": \"payment_intent\"}");
        assertEquals(Result.UNKNOWN, await(stripe.charge(charge("10.00"))).result());

        stub.replyNext(429, "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"rate_limit\"}}");
        Outcome limited = await(stripe.charge(charge("10.00")));
        assertEquals(Result.UNKNOWN, limited.result());
        assertTrue(limited.reason().contains("429"), limited.reason());
    }

    @Test
    void amountWithMoreThanTwoDecimalsIsDeclinedWithoutAsking() {
        Outcome outcome = await(stripe.charge(charge("10.005")));

        assertEquals(Result.DECLINED, outcome.result());
        assertTrue(outcome.reason().contains("more than two decimals"), outcome.reason());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void refundIsApprovedWithItsIdAndRepeatingItRefundsOnce() {
        Charge charge = charge("40.00");
        String intent = await(stripe.charge(charge)).reference();
        Refund refund = refund(charge, intent);

        Outcome first = await(stripe.refund(refund));
        Outcome again = await(stripe.refund(refund));

        assertEquals(Result.APPROVED, first.result(), first.reason());
        assertTrue(first.reference().startsWith("re_"), first.reference());
        assertEquals(first, again);
        assertEquals(1, stub.refunds(intent));
        StripeStub.Request request = stub.requests("POST", "/v1/refunds").getFirst();
        assertEquals(intent, request.form().get("payment_intent"));
        assertEquals("4000", request.form().get("amount"));
        assertEquals(refund.idempotencyKey(), request.idempotencyKey());
    }

    @Test
    void refundWithAnotherKeyOfARefundedIntentIsApprovedAndRefundsNothingMore() {
        Charge charge = charge("40.00");
        String intent = await(stripe.charge(charge)).reference();
        await(stripe.refund(refund(charge, intent)));

        Outcome second = await(stripe.refund(refund(charge, intent)));

        assertEquals(Result.APPROVED, second.result());
        assertTrue(second.reason().contains("already refunded"), second.reason());
        assertEquals(1, stub.refunds(intent));
    }

    @Test
    void pendingRefundIsApprovedFailedIsDeclinedAndServerErrorsAreUnknown() {
        Charge charge = charge("40.00");
        String intent = await(stripe.charge(charge)).reference();

        stub.refundStatus("failed");
        assertEquals(Result.DECLINED, await(stripe.refund(refund(charge, intent))).result());
        stub.failNext(10, 500);
        assertEquals(Result.UNKNOWN, await(stripe.refund(refund(charge, intent))).result());
        stub.failNext(0, 500).refundStatus("pending");
        Outcome pending = await(stripe.refund(refund(charge, intent)));
        assertEquals(Result.APPROVED, pending.result());
        assertTrue(pending.reason().startsWith("pending"), pending.reason());
        assertEquals(1, stub.refunds(intent));
    }

    @Test
    void refundOfSomethingThatIsNotAStripeIntentIsDeclined() {
        Charge charge = charge("40.00");

        assertEquals(Result.DECLINED, await(stripe.refund(refund(charge, "sim_abc"))).result());
        Outcome missing = await(stripe.refund(refund(charge, "pi_never_made")));
        assertEquals(Result.DECLINED, missing.result());
        assertTrue(missing.reason().contains("404"), missing.reason());
    }

    @Test
    void everyAttemptIsMeasured() {
        double before = Metrics.value("booking_upstream_calls_seconds_count", "service", "stripe", "outcome",
                "declined");
        stub.declineNext(1);

        await(stripe.charge(charge("11.00")));

        assertEquals(before + 1, Metrics.value("booking_upstream_calls_seconds_count", "service", "stripe",
                "outcome", "declined"));
    }

    // ---------------------------------------------------------------------------------------------------

    private static Charge charge(String amount) {
        long paymentId = nextId();
        return new Charge(paymentId, nextId(), new BigDecimal(amount), "usd", "user:7", "charge-" + UUID.randomUUID());
    }

    private static Refund refund(Charge charge, String reference) {
        return new Refund(charge.paymentId(), charge.bookingId(), reference, charge.amount(), "usd",
                "refund-" + UUID.randomUUID());
    }

    private static Outcome await(Uni<Outcome> outcome) {
        return outcome.await().atMost(WAIT);
    }

    private static Outcome awaitUntil(java.util.function.Supplier<Uni<Outcome>> call,
            java.util.function.Predicate<Outcome> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Outcome outcome = await(call.get());
        while (!done.test(outcome) && System.nanoTime() < deadline) {
            sleep(200);
            outcome = await(call.get());
        }
        return outcome;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
