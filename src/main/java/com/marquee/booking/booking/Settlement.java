package com.marquee.booking.booking;

import com.marquee.booking.payment.PaymentView;

/**
 * What became of a charge once its provider answered, or was asked and could not say: the booking (null for
 * a payment made without a checkout) and the payment as they were committed.
 */
public record Settlement(Outcome outcome, BookingView booking, PaymentView payment) {

    public enum Outcome {
        /** Charged; a checkout's booking is confirmed. */
        COMPLETED,
        /** Declined: the payment failed, a checkout's booking stays pending while its hold lasts. */
        DECLINED,
        /** The provider's answer is not known yet: the payment stays processing and the reconciler settles it. */
        PENDING,
        /** Charged after the booking had been cancelled: the money is being (or has been) given back. */
        REFUNDED
    }
}
