package com.marquee.booking.payment;

/**
 * A provider's notice about one of our payments (a verified webhook), in the provider's own terms reduced to
 * what we act on. {@code paymentId} is ours (from the metadata we sent with the charge); {@code reference} the
 * provider's id of the charge.
 */
public record ProviderEvent(String provider, String eventId, String type, Kind kind, long paymentId, String reference,
        String reason) {

    public enum Kind {
        CHARGE_SUCCEEDED, CHARGE_FAILED, REFUNDED
    }
}
