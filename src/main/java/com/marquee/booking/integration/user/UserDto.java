package com.marquee.booking.integration.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /users/{id}}: only whether it answers matters to bookings; the rest is read for the log. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserDto(Long userId, String firstName, String lastName, String email) {
}
