package com.marquee.booking.payment;

/**
 * A provider's notice about one of our payments (a verified webhook), reduced to what we act on.
 * {@code paymentId} is ours, from the metadata we sent with the charge (null if the provider's object does not
 * carry it: the payment is then found by {@code chargeReference}, the provider's id of the charge, e.g. the
 * {@code pi_...} of a Stripe PaymentIntent). {@code refundReference} names the provider's refund, for
 * {@link Kind#REFUNDED}. {@code amount} is the charge's amount in minor units as the provider states it (null when
 * the event does not say).
 */
public record ProviderEvent(String provider, String eventId, String type, Kind kind, Long paymentId,
        String chargeReference, String refundReference, String reason, Long amount) {

    public enum Kind {
        CHARGE_SUCCEEDED, CHARGE_FAILED, REFUNDED
    }
}
