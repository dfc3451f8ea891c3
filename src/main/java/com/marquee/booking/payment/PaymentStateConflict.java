package com.marquee.booking.payment;

import com.marquee.booking.common.problem.ProblemException;

/** 409: the payment's state (or who it already paid for) does not allow what was asked. */
public class PaymentStateConflict extends ProblemException {

    private PaymentStateConflict(String slug, String title, String detail) {
        super(409, slug, title, detail);
    }

    public static PaymentStateConflict notPending(Payment payment, String action) {
        return new PaymentStateConflict("payment-not-pending", "Payment not pending",
                "Payment " + payment.id + " is " + payment.status.wire() + " and cannot be " + action);
    }

    public static PaymentStateConflict notCompleted(Payment payment, String action) {
        return new PaymentStateConflict("payment-not-completed", "Payment not completed",
                "Payment " + payment.id + " is " + payment.status.wire() + " and cannot be " + action);
    }

    public static PaymentStateConflict alreadyUsed(long paymentId, long bookingId) {
        return new PaymentStateConflict("payment-already-used", "Payment already used",
                "Payment " + paymentId + " already pays for booking " + bookingId);
    }

    public static PaymentStateConflict insufficient(Payment payment, java.math.BigDecimal due, long bookingId) {
        return new PaymentStateConflict("payment-insufficient", "Payment too low",
                "Payment " + payment.id + " of " + payment.amount.toPlainString() + " does not cover the "
                        + due.toPlainString() + " due for booking " + bookingId);
    }

    /** Another charge of the same booking is with the provider: one charge per booking at a time. */
    public static PaymentStateConflict chargeInFlight(long paymentId) {
        return new PaymentStateConflict("payment-in-progress", "Payment in progress",
                "Another payment for the booking of payment " + paymentId + " is being processed by the payment"
                        + " provider; try again once it is settled");
    }

    /** A confirm claimed the payment between the refund's first look and its lock: nothing was changed. */
    public static PaymentStateConflict claimedMeanwhile(long paymentId) {
        return new PaymentStateConflict("payment-changed", "Payment changed",
                "Payment " + paymentId + " was just used to confirm a booking; retry the refund");
    }
}
