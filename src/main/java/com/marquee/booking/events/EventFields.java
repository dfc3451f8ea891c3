package com.marquee.booking.events;

import java.util.List;

/**
 * The JSON keys of every event, in one place: the records use them, SQL that writes events with
 * {@code jsonb_build_object} must use exactly these, and the README's event table lists them. Renaming one
 * breaks consumers; add keys, never change them.
 */
public final class EventFields {

    // shared by booking and payment events
    public static final String EVENT_ID = "event_id";
    public static final String TYPE = "type";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String BOOKING_ID = "booking_id";
    public static final String USER_ID = "user_id";
    public static final String SHOWTIME_ID = "showtime_id";
    public static final String STATUS = "status";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String PAYMENT_ID = "payment_id";

    // booking events
    public static final String MOVIE_ID = "movie_id";
    public static final String SEATS = "seats";
    public static final String SEAT_ROW = "row";
    public static final String SEAT_COL = "col";
    public static final String SEAT_ROW_LABEL = "row_label";
    public static final String SEAT_COUNT = "seat_count";
    public static final String PRICE_PER_SEAT = "price_per_seat";
    public static final String HOLD_EXPIRY_TIME = "hold_expiry_time";
    public static final String CANCEL_REASON = "cancel_reason";

    // payment events
    public static final String PROVIDER = "provider";
    public static final String PROVIDER_REFERENCE = "provider_reference";
    public static final String FAILURE_REASON = "failure_reason";

    // added by the relay when publishing (never stored in the outbox)
    public static final String USER = "user";
    public static final String USER_EMAIL = "email";
    public static final String USER_FIRST_NAME = "first_name";
    public static final String USER_LAST_NAME = "last_name";
    public static final String MOVIE = "movie";
    public static final String MOVIE_NAME = "name";

    /** Every key of a booking event as stored, in the order written. */
    public static final List<String> BOOKING_EVENT = List.of(EVENT_ID, TYPE, OCCURRED_AT, BOOKING_ID, USER_ID,
            SHOWTIME_ID, MOVIE_ID, STATUS, SEATS, SEAT_COUNT, PRICE_PER_SEAT, AMOUNT, CURRENCY, HOLD_EXPIRY_TIME,
            PAYMENT_ID, CANCEL_REASON);

    /** Every key of a payment event as stored, in the order written. */
    public static final List<String> PAYMENT_EVENT = List.of(EVENT_ID, TYPE, OCCURRED_AT, PAYMENT_ID, BOOKING_ID,
            USER_ID, SHOWTIME_ID, AMOUNT, CURRENCY, STATUS, PROVIDER, PROVIDER_REFERENCE, FAILURE_REASON);

    /** Every key of one seat in {@link #SEATS}. */
    public static final List<String> SEAT = List.of(SEAT_ROW, SEAT_COL, SEAT_ROW_LABEL);

    private EventFields() {
    }
}
