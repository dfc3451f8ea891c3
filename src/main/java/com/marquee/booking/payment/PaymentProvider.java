package com.marquee.booking.payment;

import java.math.BigDecimal;

import io.smallrye.mutiny.Uni;

/**
 * Whoever moves the money: the simulator or Stripe ({@code booking.payments.provider}). Never called inside a
 * database transaction or under a row lock: the caller records its intent first (T1, committed), calls the
 * provider, then records the outcome (T2).
 * <p>
 * Every call carries an idempotency key that the caller stored on the payment row before calling, and an
 * implementation must pass it to the provider so that repeating a call (a retry, the reconciler, another
 * instance) can never move money twice. Outcomes are values, not failures: a decline is an answer, and a
 * timeout, a refused connection or a 5xx is {@link Outcome#unknown} (the money may or may not have moved),
 * never a decline. A failed {@code Uni} means a bug, not a provider answer.
 */
public interface PaymentProvider {

    /** {@code simulated} or {@code stripe}: recorded on each payment. */
    String name();

    /** Creates and confirms a charge of {@code amount}; idempotent per {@link Charge#idempotencyKey()}. */
    Uni<Outcome> charge(Charge charge);

    /**
     * What became of a charge made earlier with the same request (the reconciler's question). {@code reference}
     * is the provider's id of it if we ever learned one; without it the provider is asked again with the same
     * idempotency key, which replays the first answer or, if the first request never arrived, makes it now.
     */
    Uni<Outcome> lookup(Charge charge, String reference);

    /** Gives a completed charge's money back; idempotent per {@link Refund#idempotencyKey()}. */
    Uni<Outcome> refund(Refund refund);

    /**
     * One charge. {@code payer} is our payment's {@code created_by}; {@code bookingId} is null for a payment made
     * without a booking. Amounts are in major units with two decimals; providers convert.
     */
    record Charge(long paymentId, Long bookingId, BigDecimal amount, String currency, String payer,
            String idempotencyKey) {
    }

    record Refund(long paymentId, Long bookingId, String chargeReference, BigDecimal amount, String currency,
            String idempotencyKey) {
    }

    /**
     * A provider's answer. {@code reference}: its id of the charge or refund (recorded on the payment), null when
     * unknown. {@code reason}: why it was declined, or what made the outcome unknown.
     */
    record Outcome(Result result, String reference, String reason) {

        public enum Result {
            /** Charged (or refunded): the money moved. */
            APPROVED,
            /** Refused for good (a card decline, a refund the provider will not make): no money moved. */
            DECLINED,
            /** No answer we can trust (timeout, 5xx, connection refused): ask again later with the same key. */
            UNKNOWN
        }

        public static Outcome approved(String reference) {
            return new Outcome(Result.APPROVED, reference, null);
        }

        public static Outcome declined(String reference, String reason) {
            return new Outcome(Result.DECLINED, reference, reason);
        }

        public static Outcome unknown(String reference, String reason) {
            return new Outcome(Result.UNKNOWN, reference, reason);
        }

        public boolean approved() {
            return result == Result.APPROVED;
        }

        public boolean declined() {
            return result == Result.DECLINED;
        }

        public boolean unknown() {
            return result == Result.UNKNOWN;
        }
    }
}
