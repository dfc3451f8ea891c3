package com.marquee.booking.common.security;

import java.util.Locale;

/** {@code booking.auth.mode} ({@code BOOKING_AUTH_MODE}): how much the service asks of a caller. */
public enum AuthMode {
    /** Tokens are ignored entirely, even invalid ones: everyone may do everything, as before tokens existed. */
    OFF,
    /** No token: served as before (the Theatre UI sends none). A token: it must be valid and the rules apply. */
    OPTIONAL,
    /** Every call that reads or changes a user's data needs a valid token; the public reads stay public. */
    REQUIRED;

    public static AuthMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "booking.auth.mode (BOOKING_AUTH_MODE) must be off, optional or required, not '" + value + "'");
        }
    }
}
