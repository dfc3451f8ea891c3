package com.marquee.booking.seat;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The Theatre UI's seat list. Its path sits under {@code /api/bookings} for the UI's sake, but it is a seat
 * read like the seat map, so it lives here and knows nothing of bookings. The UI polls it every 5 s: it is
 * served from memory with a strong ETag, and {@code If-None-Match} with the current tag gets 304.
 */
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Path("/api/bookings/showtime")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Showtimes and seat maps")
public class TheatreUiSeatsResource {

    @RegisterForReflection
    public record ActiveSeats(List<ActiveSeat> seats) {
    }

    private final SeatMapService seatMaps;

    public TheatreUiSeatsResource(SeatMapService seatMaps) {
        this.seatMaps = seatMaps;
    }

    @GET
    @Path("/{showtimeId}/seats")
    @Operation(operationId = "getShowtimeSeats", summary = "Seats on hold or booked for a showtime (rows as integers)",
            description = "The Theatre UI's view: active seats only, expired holds excluded; an unknown showtime"
                    + " has none.")
    @APIResponse(responseCode = "200", description = "The active seats; ETag names this answer",
            headers = @Header(name = "ETag"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActiveSeats.class),
            examples = @ExampleObject(name = "two seats", ref = "ActiveSeats")))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current answer")
    public Uni<Response> showtimeSeats(@RestPath long showtimeId, @RestHeader("If-None-Match") String ifNoneMatch) {
        return seatMaps.activeSeats(showtimeId).map(rendered -> SeatReadResponses.of(rendered, ifNoneMatch));
    }
}
