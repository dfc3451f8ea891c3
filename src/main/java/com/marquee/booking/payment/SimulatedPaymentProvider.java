package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.smallrye.mutiny.Uni;

/**
 * The default provider: no money moves. It approves every charge except, deterministically, so that users and
 * tests can provoke a decline on purpose: an amount whose cents are {@code .13}, or a payer whose
 * {@code created_by} contains {@code decline}. Idempotent per key, like a real provider.
 */
@ApplicationScoped
public class SimulatedPaymentProvider implements PaymentProvider {

    static final BigDecimal DECLINED_CENTS = new BigDecimal("0.13");

    private final Map<String, Outcome> answered = new ConcurrentHashMap<>();
    private final Duration latency;

    public SimulatedPaymentProvider(BookingConfig config) {
        this.latency = config.payments().simulated().latency();
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public Uni<Outcome> charge(Charge charge) {
        return delayed(answered.computeIfAbsent(charge.idempotencyKey(), key -> decide(charge)));
    }

    @Override
    public Uni<Outcome> lookup(Charge charge, String reference) {
        return charge(charge);
    }

    @Override
    public Uni<Outcome> refund(Refund refund) {
        return delayed(answered.computeIfAbsent(refund.idempotencyKey(),
                key -> Outcome.approved("simre_" + UUID.randomUUID().toString().replace("-", ""))));
    }

    private static Outcome decide(Charge charge) {
        String reference = "sim_" + UUID.randomUUID().toString().replace("-", "");
        if (charge.amount().setScale(2, RoundingMode.UNNECESSARY).remainder(BigDecimal.ONE).compareTo(DECLINED_CENTS) == 0) {
            return Outcome.declined(reference, "card declined (simulator declines amounts ending in .13)");
        }
        if (charge.payer() != null && charge.payer().toLowerCase(Locale.ROOT).contains("decline")) {
            return Outcome.declined(reference, "declined by the issuer (simulator declines payers named \"decline\")");
        }
        return Outcome.approved(reference);
    }

    private Uni<Outcome> delayed(Outcome outcome) {
        Uni<Outcome> answer = Uni.createFrom().item(outcome);
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }
}
