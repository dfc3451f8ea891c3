package com.marquee.booking.booking.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.booking.BookingView;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed clients read {@code booking}; the Theatre UI reads {@code booking_id} and polls {@code poll_url}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BookingCreated(String message, long bookingId, String status, String pollUrl, BookingView booking) {

    public static BookingCreated of(BookingView booking) {
        return new BookingCreated("Booking created", booking.bookingId(), booking.status(),
                "/api/bookings/" + booking.bookingId(), booking);
    }
}
