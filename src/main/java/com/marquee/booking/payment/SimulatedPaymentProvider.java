package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.integration.Upstream;

import io.smallrye.mutiny.Uni;

/**
 * The default provider ({@code booking.payments.provider=simulated}): no money moves. It approves every charge
 * except, deterministically, so that users and tests can provoke a decline on purpose:
 * <ul>
 * <li>an amount whose cents are {@code .13} ({@code 0.13}, {@code 10.13}, ...): "card declined"; for a checkout
 * that is a showtime priced at {@code x.13} and one seat;</li>
 * <li>a payer ({@code created_by}) that contains {@code decline} (any case): "declined by the issuer";</li>
 * <li>an amount with more than two decimals (it has no value in cents; a real provider refuses it too).</li>
 * </ul>
 * References: {@code sim_...} for charges (declines too), {@code simre_...} for refunds, which always succeed.
 * <p>
 * Like Stripe, it is idempotent per key: the same key with the same request answers the same outcome and
 * reference, even while the first answer is still being delayed; the same key with another request is an
 * unknown outcome (Stripe's {@code idempotency_error}). {@link #lookup} replays what {@link #charge} gave for the
 * key, or charges now if the key was never seen (Stripe's replay-or-execute). The keys live in memory, at most
 * {@value #MAX_KEYS} (the oldest forgotten first), and are forgotten on restart: for a simulator that is
 * acceptable, since no money moved, a forgotten key only means that a later retry or reconciliation decides
 * again by the same deterministic rules, which give the same approval or decline (only the reference differs).
 * <p>
 * {@code booking.payments.simulated.latency} delays every answer, without blocking a thread, to rehearse a
 * remote provider in tests and benchmarks. Answers arrive on the caller's Vert.x context.
 */
@ApplicationScoped
@Typed(SimulatedPaymentProvider.class)
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String NAME = "simulated";
    static final int MAX_KEYS = 100_000;
    /** Amounts whose cents are these are declined. */
    static final long DECLINED_CENTS = 13;

    /** What a key was first used for, and what it answered. */
    private record Remembered(String request, Outcome outcome) {
    }

    private final Duration latency;
    private final Map<String, Remembered> keys = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_KEYS;
        }
    });

    @Inject
    public SimulatedPaymentProvider(BookingConfig config) {
        this(config.payments().simulated().latency());
    }

    SimulatedPaymentProvider(Duration latency) {
        this.latency = latency;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Outcome> charge(Charge charge) {
        String request = "charge " + charge.paymentId() + " " + plain(charge.amount()) + " " + charge.currency() + " "
                + charge.payer();
        return answer(charge.idempotencyKey(), request, () -> decide(charge));
    }

    /** Replays the key's outcome, or charges now if the key was never seen; {@code reference} is not needed. */
    @Override
    public Uni<Outcome> lookup(Charge charge, String reference) {
        return charge(charge);
    }

    @Override
    public Uni<Outcome> refund(Refund refund) {
        String request = "refund " + refund.paymentId() + " " + refund.chargeReference() + " " + plain(refund.amount());
        return answer(refund.idempotencyKey(), request, () -> Outcome.approved("simre_" + randomId()));
    }

    private Uni<Outcome> answer(String key, String request, Supplier<Outcome> decision) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("an idempotency key is required"));
        }
        // decided when subscribed, and remembered at once: a caller that gives up during the latency has
        // still "charged", as with a real provider whose answer was lost
        Uni<Outcome> outcome = Uni.createFrom().item(() -> {
            Remembered remembered = keys.computeIfAbsent(key, k -> new Remembered(request, decision.get()));
            if (!remembered.request().equals(request)) {
                return Outcome.unknown(null, "the idempotency key " + key + " was first used for another request");
            }
            return remembered.outcome();
        });
        if (latency.isPositive()) {
            outcome = outcome.onItem().delayIt().by(latency);
        }
        return Upstream.onCallerContext(outcome);
    }

    private static Outcome decide(Charge charge) {
        String reference = "sim_" + randomId();
        long cents;
        try {
            cents = MinorUnits.of(charge.amount());
        } catch (IllegalArgumentException e) {
            return Outcome.declined(reference, "invalid amount: " + e.getMessage());
        }
        if (cents % 100 == DECLINED_CENTS) {
            return Outcome.declined(reference, "card declined (simulator declines amounts ending in .13)");
        }
        if (charge.payer() != null && charge.payer().toLowerCase(Locale.ROOT).contains("decline")) {
            return Outcome.declined(reference, "declined by the issuer (simulator declines payers named \"decline\")");
        }
        return Outcome.approved(reference);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "null" : amount.stripTrailingZeros().toPlainString();
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
