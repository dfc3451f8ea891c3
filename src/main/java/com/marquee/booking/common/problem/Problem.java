package com.marquee.booking.common.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem body. {@code error} is the stable machine code; {@code detail} a readable
 * sentence older clients show as is. {@code errors} and {@code seats} are extension members.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json). Clients branch on `error`"
        + " (stable) or `status`; `detail` is a sentence to show as is.")
public record Problem(
        @Schema(required = true, description = "URI reference of the problem type",
                example = "/problems/seats-unavailable") String type,
        @Schema(required = true, example = "Seats unavailable") String title,
        @Schema(required = true, example = "409") int status,
        @Schema(required = true, description = "A readable sentence (older clients show it)",
                example = "Seat A1 is already booked or on hold") String detail,
        @Schema(description = "The request path", example = "/api/bookings/") String instance,
        @Schema(required = true, description = "Stable machine code: the type's last segment in snake_case",
                example = "seats_unavailable") String error,
        @Schema(description = "400 only: each invalid field") List<FieldError> errors,
        @Schema(description = "409 seats_unavailable only: the seats taken, in the request's notation"
                + " (a SeatRef each)") List<?> seats) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(required = true, description = "Path of the field in the request, as sent",
                    example = "seats[0].row") String field,
            @Schema(required = true, example = "must be one letter A-Z or an integer >= 1") String message) {
    }
}
