package com.marquee.booking.integration.payments;

/**
 * What a Stripe call came to. {@code reference}: Stripe's id of the PaymentIntent ({@code pi_...}) or refund
 * ({@code re_...}) when the answer named one, also for declines and unknown outcomes (a {@code processing}
 * intent can be read again by its id). {@code reason}: why it was declined or why the outcome is unknown.
 */
public record StripeResult(Verdict verdict, String reference, String reason) {

    public enum Verdict {
        /** The money moved (a succeeded intent; a refund Stripe accepted). */
        APPROVED,
        /** Stripe refused for good and nothing was charged (or refunded). */
        DECLINED,
        /** No answer we can trust: the money may or may not have moved; ask again with the same key. */
        UNKNOWN
    }

    static StripeResult approved(String reference) {
        return new StripeResult(Verdict.APPROVED, reference, null);
    }

    static StripeResult approved(String reference, String note) {
        return new StripeResult(Verdict.APPROVED, reference, note);
    }

    static StripeResult declined(String reference, String reason) {
        return new StripeResult(Verdict.DECLINED, reference, reason);
    }

    static StripeResult unknown(String reference, String reason) {
        return new StripeResult(Verdict.UNKNOWN, reference, reason);
    }
}
