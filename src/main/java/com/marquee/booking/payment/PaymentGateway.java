package com.marquee.booking.payment;

import java.math.BigDecimal;

import io.smallrye.mutiny.Uni;

/**
 * Takes money. Callers invoke it while they hold the payment's row lock (and, for a checkout, the
 * booking's), so at most one charge per payment can be under way: an implementation must answer within
 * a bounded time, and a real one should send {@code paymentId} as the provider's idempotency key so a
 * transaction rolled back after the charge can be reconciled instead of charged again.
 * <p>
 * A decline is an answer, not a failure: {@link ChargeResult#approved()} is false. A failed {@code Uni}
 * means the gateway could not be asked; the caller's transaction rolls back and nothing is recorded.
 */
public interface PaymentGateway {

    Uni<ChargeResult> charge(Charge charge);

    /** Gives the money of a completed charge back; fails only when the gateway cannot be asked. */
    Uni<Void> refund(long paymentId, String gatewayReference, BigDecimal amount);

    record Charge(long paymentId, BigDecimal amount, String createdBy) {
    }

    /** {@code reference} is the gateway's id of the attempt, recorded for declines too. */
    record ChargeResult(boolean approved, String reference, String declineReason) {

        public static ChargeResult approved(String reference) {
            return new ChargeResult(true, reference, null);
        }

        public static ChargeResult declined(String reference, String reason) {
            return new ChargeResult(false, reference, reason);
        }
    }
}
