package com.marquee.booking.integration.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /users/{id}}: whether it answers decides who may book; name and email go into events. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserDto(Long userId, String firstName, String lastName, String email) {
}
