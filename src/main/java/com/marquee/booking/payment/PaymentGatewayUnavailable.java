package com.marquee.booking.payment;

import com.marquee.booking.common.problem.ProblemException;

/** 503: the gateway could not be asked; the transaction rolled back, so no payment was recorded. */
public class PaymentGatewayUnavailable extends ProblemException {

    public PaymentGatewayUnavailable() {
        super(503, "payment-gateway-unavailable", "Payment gateway unavailable",
                "The payment gateway did not answer; nothing was charged or recorded, try again shortly");
    }
}
