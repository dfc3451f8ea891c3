package com.marquee.booking.payment;

import com.marquee.booking.common.problem.ProblemException;

/** 402: the gateway declined; the payment is recorded as failed before this is thrown. */
public class PaymentDeclined extends ProblemException {

    public PaymentDeclined(PaymentView payment, String consequence) {
        super(402, "payment-declined", "Payment declined",
                "Payment " + payment.paymentId() + " of " + payment.amount().toPlainString() + " was declined: "
                        + payment.failureReason() + "; " + consequence);
    }
}
