package com.marquee.booking.payment;

import java.math.BigDecimal;

/**
 * Amounts as providers count them: integer minor units (cents). Exact, never through floating point; an amount
 * with more than two decimals has no such value and is refused rather than rounded (rounding money silently
 * charges a customer something they did not agree to). Two-decimal currencies only, which
 * {@link PaymentProviders} checks for {@code booking.payments.currency} at start-up.
 */
final class MinorUnits {

    private MinorUnits() {
    }

    /** {@code 10.13} -> {@code 1013}; fails with a sentence for null, non-positive or sub-cent amounts. */
    static long of(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount " + amount + " is not a positive amount");
        }
        BigDecimal cents = amount.movePointRight(2);
        if (cents.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("the amount " + amount.toPlainString() + " has more than two decimals");
        }
        try {
            return cents.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the amount " + amount.toPlainString() + " is too large");
        }
    }
}
