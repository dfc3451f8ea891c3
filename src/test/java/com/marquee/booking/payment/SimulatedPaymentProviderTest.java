package com.marquee.booking.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marquee.booking.payment.PaymentProvider.Charge;
import com.marquee.booking.payment.PaymentProvider.Outcome;
import com.marquee.booking.payment.PaymentProvider.Outcome.Result;
import com.marquee.booking.payment.PaymentProvider.Refund;

import io.smallrye.mutiny.Uni;

/** The simulator's documented declines, its idempotency per key and its latency; plain JUnit. */
class SimulatedPaymentProviderTest {

    private final SimulatedPaymentProvider simulator = new SimulatedPaymentProvider(Duration.ZERO);

    @Test
    void approvesWithASimReference() {
        Outcome outcome = await(simulator.charge(charge("25.00", "user:7")));

        assertEquals(Result.APPROVED, outcome.result());
        assertTrue(outcome.reference().startsWith("sim_"), outcome.reference());
        assertEquals("simulated", simulator.name());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.13", "10.13", "25.13", "99999.13", "10.130" })
    void declinesAmountsEndingIn13(String amount) {
        Outcome outcome = await(simulator.charge(charge(amount, "user:7")));

        assertEquals(Result.DECLINED, outcome.result());
        assertTrue(outcome.reference().startsWith("sim_"));
        assertTrue(outcome.reason().contains(".13"), outcome.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.31", "13.00", "10.14", "1.03" })
    void otherCentsAreApproved(String amount) {
        assertEquals(Result.APPROVED, await(simulator.charge(charge(amount, "user:7"))).result());
    }

    @ParameterizedTest
    @ValueSource(strings = { "decline", "Please DECLINE me", "user:declined" })
    void declinesPayersNamedDecline(String payer) {
        Outcome outcome = await(simulator.charge(charge("20.00", payer)));

        assertEquals(Result.DECLINED, outcome.result());
        assertTrue(outcome.reason().contains("issuer"), outcome.reason());
    }

    @Test
    void declinesAmountsWithMoreThanTwoDecimals() {
        Outcome outcome = await(simulator.charge(charge("10.005", "user:7")));

        assertEquals(Result.DECLINED, outcome.result());
        assertTrue(outcome.reason().contains("more than two decimals"), outcome.reason());
    }

    @Test
    void sameKeyAnswersTheSameOutcomeAndReference() {
        Charge charge = charge("20.00", "user:7");

        Outcome first = await(simulator.charge(charge));
        Outcome again = await(simulator.charge(charge));

        assertEquals(first, again);
        assertNotEquals(first.reference(), await(simulator.charge(charge("20.00", "user:7"))).reference());
        Charge declined = charge("20.13", "user:7");
        assertEquals(await(simulator.charge(declined)), await(simulator.charge(declined)));
    }

    @Test
    void sameKeyForAnotherRequestIsUnknown() {
        Charge charge = charge("20.00", "user:7");
        await(simulator.charge(charge));

        Outcome outcome = await(simulator.charge(new Charge(charge.paymentId(), charge.bookingId(),
                new BigDecimal("21.00"), "usd", "user:7", charge.idempotencyKey())));

        assertEquals(Result.UNKNOWN, outcome.result());
    }

    @Test
    void lookupReplaysTheChargeOrChargesIfNeverSeen() {
        Charge charged = charge("20.00", "user:7");
        Outcome first = await(simulator.charge(charged));

        assertEquals(first, await(simulator.lookup(charged, first.reference())));
        assertEquals(first, await(simulator.lookup(charged, null)));

        Charge neverSeen = charge("20.13", "user:7");
        Outcome looked = await(simulator.lookup(neverSeen, null));
        assertEquals(Result.DECLINED, looked.result());
        assertEquals(looked, await(simulator.charge(neverSeen)));
    }

    @Test
    void refundsAlwaysApproveAndAreIdempotentPerKey() {
        Charge charge = charge("20.00", "decline-me-not-here");
        Refund refund = new Refund(charge.paymentId(), charge.bookingId(), "sim_x", charge.amount(), "usd",
                "refund-" + UUID.randomUUID());

        Outcome first = await(simulator.refund(refund));

        assertEquals(Result.APPROVED, first.result());
        assertTrue(first.reference().startsWith("simre_"), first.reference());
        assertEquals(first, await(simulator.refund(refund)));
    }

    @Test
    void latencyDelaysEveryAnswer() {
        SimulatedPaymentProvider slow = new SimulatedPaymentProvider(Duration.ofMillis(300));
        Charge charge = charge("20.00", "user:7");

        long start = System.nanoTime();
        Outcome outcome = await(slow.charge(charge));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(Result.APPROVED, outcome.result());
        assertTrue(millis >= 300, "took " + millis + " ms");
    }

    @Test
    void aCallerThatGivesUpDuringTheLatencyHasStillCharged() {
        SimulatedPaymentProvider slow = new SimulatedPaymentProvider(Duration.ofMillis(500));
        Charge charge = charge("20.00", "user:7");

        Outcome lost = slow.charge(charge).ifNoItem().after(Duration.ofMillis(50)).recoverWithItem((Outcome) null)
                .await().atMost(Duration.ofSeconds(5));

        assertNull(lost);
        assertEquals(Result.APPROVED, await(slow.lookup(charge, null)).result());
    }

    @Test
    void aChargeWithoutAKeyIsABug() {
        Charge charge = new Charge(1, 2L, new BigDecimal("20.00"), "usd", "user:7", null);

        Uni<Outcome> outcome = simulator.charge(charge);

        assertTrue(outcome.onItem().transform(o -> false).onFailure(IllegalArgumentException.class)
                .recoverWithItem(true).await().indefinitely());
    }

    private static Charge charge(String amount, String payer) {
        return new Charge(7, 8L, new BigDecimal(amount), "usd", payer, "charge-" + UUID.randomUUID());
    }

    private static Outcome await(Uni<Outcome> outcome) {
        return outcome.await().atMost(Duration.ofSeconds(5));
    }
}
