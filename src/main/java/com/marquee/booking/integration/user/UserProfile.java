package com.marquee.booking.integration.user;

/** Who a user is, as far as a booking notification needs it; any field but the id may be missing. */
public record UserProfile(long userId, String email, String firstName, String lastName) {
}
