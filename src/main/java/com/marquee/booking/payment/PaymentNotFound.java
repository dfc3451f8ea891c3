package com.marquee.booking.payment;

import com.marquee.booking.common.problem.ProblemException;

public class PaymentNotFound extends ProblemException {

    public PaymentNotFound(long id) {
        super(404, "payment-not-found", "Payment not found", "Payment " + id + " does not exist");
    }
}
