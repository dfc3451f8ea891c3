package com.marquee.booking.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A payment event ({@code payment.completed}, {@code .failed}, {@code .refunded}): the payment after the
 * change. Every key is always present, {@code null} when it does not apply (README: Events). A payment
 * made for a booking is ordered with that booking's events.
 *
 * @param bookingId the booking it pays for, if any
 * @param userId the booking's user, if known
 * @param showtimeId the booking's showtime, if known
 * @param status the payment's status after the change
 * @param provider who moved the money ({@code simulated}, {@code stripe})
 * @param providerReference the provider's id of the charge or refund, once it has one
 * @param failureReason why a payment failed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ EventFields.EVENT_ID, EventFields.TYPE, EventFields.OCCURRED_AT, EventFields.PAYMENT_ID,
        EventFields.BOOKING_ID, EventFields.USER_ID, EventFields.SHOWTIME_ID, EventFields.AMOUNT,
        EventFields.CURRENCY, EventFields.STATUS, EventFields.PROVIDER, EventFields.PROVIDER_REFERENCE,
        EventFields.FAILURE_REASON })
public record PaymentChanged(
        @JsonProperty(EventFields.EVENT_ID) UUID eventId,
        @JsonProperty(EventFields.TYPE) EventType type,
        @JsonProperty(EventFields.OCCURRED_AT) Instant occurredAt,
        @JsonProperty(EventFields.PAYMENT_ID) long paymentId,
        @JsonProperty(EventFields.BOOKING_ID) Long bookingId,
        @JsonProperty(EventFields.USER_ID) Long userId,
        @JsonProperty(EventFields.SHOWTIME_ID) Long showtimeId,
        @JsonProperty(EventFields.AMOUNT) BigDecimal amount,
        @JsonProperty(EventFields.CURRENCY) String currency,
        @JsonProperty(EventFields.STATUS) String status,
        @JsonProperty(EventFields.PROVIDER) String provider,
        @JsonProperty(EventFields.PROVIDER_REFERENCE) String providerReference,
        @JsonProperty(EventFields.FAILURE_REASON) String failureReason) implements BookingEvent {

    public PaymentChanged {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        BookingEvent.require(type.kind() == EventType.Kind.PAYMENT, type + " is not a payment event");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(provider, "provider");
        occurredAt = BookingEvent.micros(occurredAt);
        amount = BookingEvent.money(amount);
    }

    /** A new event (fresh id) about payment {@code paymentId}; see the record's parameters. */
    public static PaymentChanged of(EventType type, Instant occurredAt, long paymentId, Long bookingId, Long userId,
            Long showtimeId, BigDecimal amount, String currency, String status, String provider,
            String providerReference, String failureReason) {
        return new PaymentChanged(BookingEvent.newId(), type, occurredAt, paymentId, bookingId, userId, showtimeId,
                amount, currency, status, provider, providerReference, failureReason);
    }
}
