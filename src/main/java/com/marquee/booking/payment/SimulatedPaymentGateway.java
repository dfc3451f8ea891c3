package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The shipped gateway: no money moves. It approves every charge except, deterministically, so that users
 * and tests can provoke a decline on purpose:
 * <ul>
 * <li>an amount whose cents are {@code .13} ({@code 0.13}, {@code 10.13}, {@code 25.13}, ...):
 * "card declined"; for a checkout that is a showtime priced at {@code x.13} and one seat;</li>
 * <li>a {@code created_by} that contains {@code decline} (any case): "declined by the issuer".</li>
 * </ul>
 * Every attempt gets a fresh {@code sim_...} reference; refunds always succeed.
 */
@ApplicationScoped
public class SimulatedPaymentGateway implements PaymentGateway {

    static final BigDecimal DECLINED_CENTS = new BigDecimal("0.13");

    @Override
    public Uni<ChargeResult> charge(Charge charge) {
        String reference = "sim_" + UUID.randomUUID().toString().replace("-", "");
        return Uni.createFrom().item(() -> {
            if (cents(charge.amount()).compareTo(DECLINED_CENTS) == 0) {
                return ChargeResult.declined(reference, "card declined (simulator declines amounts ending in .13)");
            }
            if (charge.createdBy() != null && charge.createdBy().toLowerCase(Locale.ROOT).contains("decline")) {
                return ChargeResult.declined(reference,
                        "declined by the issuer (simulator declines payers named \"decline\")");
            }
            return ChargeResult.approved(reference);
        });
    }

    @Override
    public Uni<Void> refund(long paymentId, String gatewayReference, BigDecimal amount) {
        return Uni.createFrom().voidItem();
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).remainder(BigDecimal.ONE);
    }
}
