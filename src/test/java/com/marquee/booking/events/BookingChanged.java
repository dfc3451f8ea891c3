package com.marquee.booking.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A booking event ({@code booking.held}, {@code .confirmed}, {@code .cancelled}, {@code .expired}): the
 * booking as it is after the change. Every key is always present, {@code null} when it does not apply
 * (README: Events). {@code seat_count} is derived from the seats; amounts carry two decimals.
 *
 * @param movieId the showtime's movie, if known
 * @param status the booking's status after the change ({@code pending}, {@code confirmed}, {@code cancelled})
 * @param seats the booking's seats (for a cancelled or expired booking: the seats it released)
 * @param amount the amount due for the booking (seats x price per seat)
 * @param currency ISO 4217, lower case ({@code booking.payments.currency})
 * @param holdExpiryTime while pending: when the hold runs out
 * @param paymentId the payment that paid for it, once there is one
 * @param cancelReason for a cancelled or expired booking: {@code user}, {@code expired} or {@code refunded}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ EventFields.EVENT_ID, EventFields.TYPE, EventFields.OCCURRED_AT, EventFields.BOOKING_ID,
        EventFields.USER_ID, EventFields.SHOWTIME_ID, EventFields.MOVIE_ID, EventFields.STATUS, EventFields.SEATS,
        EventFields.SEAT_COUNT, EventFields.PRICE_PER_SEAT, EventFields.AMOUNT, EventFields.CURRENCY,
        EventFields.HOLD_EXPIRY_TIME, EventFields.PAYMENT_ID, EventFields.CANCEL_REASON })
public record BookingChanged(
        @JsonProperty(EventFields.EVENT_ID) UUID eventId,
        @JsonProperty(EventFields.TYPE) EventType type,
        @JsonProperty(EventFields.OCCURRED_AT) Instant occurredAt,
        @JsonProperty(EventFields.BOOKING_ID) Long bookingId,
        @JsonProperty(EventFields.USER_ID) long userId,
        @JsonProperty(EventFields.SHOWTIME_ID) Long showtimeId,
        @JsonProperty(EventFields.MOVIE_ID) Long movieId,
        @JsonProperty(EventFields.STATUS) String status,
        @JsonProperty(EventFields.SEATS) List<EventSeat> seats,
        @JsonProperty(EventFields.PRICE_PER_SEAT) BigDecimal pricePerSeat,
        @JsonProperty(EventFields.AMOUNT) BigDecimal amount,
        @JsonProperty(EventFields.CURRENCY) String currency,
        @JsonProperty(EventFields.HOLD_EXPIRY_TIME) Instant holdExpiryTime,
        @JsonProperty(EventFields.PAYMENT_ID) Long paymentId,
        @JsonProperty(EventFields.CANCEL_REASON) String cancelReason) implements BookingEvent {

    public BookingChanged {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        BookingEvent.require(type.kind() == EventType.Kind.BOOKING, type + " is not a booking event");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(bookingId, "booking_id");
        Objects.requireNonNull(showtimeId, "showtime_id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pricePerSeat, "price_per_seat");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        seats = List.copyOf(seats);
        BookingEvent.require(!seats.isEmpty(), "a booking has at least one seat");
        occurredAt = BookingEvent.micros(occurredAt);
        holdExpiryTime = BookingEvent.micros(holdExpiryTime);
        pricePerSeat = BookingEvent.money(pricePerSeat);
        amount = BookingEvent.money(amount);
    }

    /** A new event (fresh id) about booking {@code bookingId}; see the record's parameters. */
    public static BookingChanged of(EventType type, Instant occurredAt, long bookingId, long userId, long showtimeId,
            Long movieId, String status, List<EventSeat> seats, BigDecimal pricePerSeat, BigDecimal amount,
            String currency, Instant holdExpiryTime, Long paymentId, String cancelReason) {
        return new BookingChanged(BookingEvent.newId(), type, occurredAt, bookingId, userId, showtimeId, movieId,
                status, seats, pricePerSeat, amount, currency, holdExpiryTime, paymentId, cancelReason);
    }

    @JsonProperty(EventFields.SEAT_COUNT)
    public int seatCount() {
        return seats.size();
    }
}
