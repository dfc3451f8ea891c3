package com.marquee.booking.booking;

import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.problem.InvalidRequest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Extend-hold: the seed's path sits under {@code /api/showtimes}, but it changes a booking, so it lives here. */
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Path("/api/showtimes/booking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bookings")
@SecurityRequirement(name = "bearer")
public class HoldExtensionResource {

    // read with ObjectMapper.readValue, not as a JAX-RS body, so a native build does not see it on its own
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExtendHoldRequest(
            @Schema(minimum = "1", maximum = "30", defaultValue = "5") Integer additionalMinutes) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HoldExtended(String message, Instant holdExpiryTime, BookingView booking) {
    }

    private final BookingLifecycle lifecycle;
    private final MovieDetails movies;
    private final BookingConfig config;
    private final ObjectMapper json;
    private final BookingAccess access;

    public HoldExtensionResource(BookingLifecycle lifecycle, MovieDetails movies, BookingConfig config, ObjectMapper json,
            BookingAccess access) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.movies = movies;
        this.config = config;
        this.json = json;
    }

    @POST
    @Path("/{bookingId}/extend-hold")
    @Operation(operationId = "extendHold", summary = "Add minutes to a pending booking's hold (default 5)",
            description = "The new expiry is the current one plus the minutes (never shorter), at most"
                    + " booking.holds.max-total from the booking's creation and never past the showtime's start."
                    + " The body is optional.")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExtendHoldRequest.class),
            examples = @ExampleObject(name = "five minutes", ref = "ExtendHoldRequest")))
    @APIResponse(responseCode = "200", description = "Hold extended", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldExtended.class),
            examples = @ExampleObject(name = "extended", ref = "HoldExtended")))
    @APIResponse(responseCode = "400", description = "additional_minutes is not an integer between 1 and 30")
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Not pending, hold expired, or already as long as allowed")
    public Uni<HoldExtended> extendHold(@RestPath long bookingId, String rawBody) throws JsonProcessingException {
        // the body is optional, and clients that send none often send no Content-Type either
        ExtendHoldRequest body = rawBody == null || rawBody.isBlank() ? null
                : json.readValue(rawBody, ExtendHoldRequest.class);
        int max = config.holds().maxExtensionMinutes();
        Integer asked = body == null ? null : body.additionalMinutes();
        int minutes = asked == null ? config.holds().defaultExtensionMinutes() : asked;
        if (minutes < 1 || minutes > max) {
            throw new InvalidRequest("additional_minutes", "must be an integer between 1 and " + max);
        }
        return access.booking(bookingId).chain(() -> lifecycle.extend(bookingId, minutes)).chain(result -> movies.add(result.booking()).map(booking -> {
            long added = result.added().toMinutes();
            String message = result.capped()
                    ? "Hold extended until " + booking.holdExpiryTime() + ", the longest allowed"
                    : "Hold extended by " + added + (added == 1 ? " minute" : " minutes");
            return new HoldExtended(message, booking.holdExpiryTime(), booking);
        }));
    }
}
