package com.marquee.booking.seat;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.showtime.ShowtimeCatalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * What browsers poll: which seats of a showtime are taken. Read-only; no personal data. Served from the
 * in-memory {@link SeatSnapshots} with a strong ETag; {@code If-None-Match} with the current tag gets 304.
 */
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Path("/api/showtimes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Showtimes and seat maps")
public class SeatMapResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TakenSeats(long showtimeId, List<SeatView> bookedSeats) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AvailabilityRequest(
            @Schema(required = true, type = SchemaType.ARRAY, implementation = SeatInput.class, minItems = 1)
            JsonNode seats) {
    }

    private final ShowtimeCatalog catalog;
    private final SeatMapService seatMaps;

    public SeatMapResource(ShowtimeCatalog catalog, SeatMapService seatMaps) {
        this.catalog = catalog;
        this.seatMaps = seatMaps;
    }

    @GET
    @Path("/{id}/seats")
    @Operation(operationId = "getTakenSeats", summary = "Seats on hold or booked (expired holds excluded)")
    @APIResponse(responseCode = "200", description = "The active seats, in each booking's notation; ETag names this"
            + " answer", headers = @Header(name = "ETag"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TakenSeats.class),
            examples = @ExampleObject(name = "one seat held", ref = "TakenSeats")))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current answer")
    @APIResponse(responseCode = "404", description = "Unknown showtime")
    public Uni<Response> takenSeats(@RestPath long id, @RestHeader("If-None-Match") String ifNoneMatch) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.takenSeats(id))
                .map(rendered -> SeatReadResponses.of(rendered, ifNoneMatch));
    }

    @GET
    @Path("/{id}/seat-map")
    @Operation(operationId = "getSeatMap", summary = "Every seat of the requested rows and columns with its status")
    @APIResponse(responseCode = "200", description = "The seat map, keyed by row in the order asked; ETag names this"
            + " answer", headers = @Header(name = "ETag"), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SeatMapView.class),
                    examples = @ExampleObject(name = "rows A and B, 2 columns", ref = "SeatMap")))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current answer")
    @APIResponse(responseCode = "400", description = "rows or cols is not valid")
    @APIResponse(responseCode = "404", description = "Unknown showtime")
    public Uni<Response> seatMap(@RestPath long id,
            @Parameter(description = "Comma-separated rows, letters or numbers (default: every row of the screen)",
                    example = "A,B,C") @RestQuery String rows,
            @Parameter(description = "Columns 1..cols (default: the screen's width)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @RestQuery String cols,
            @RestHeader("If-None-Match") String ifNoneMatch) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.seatMap(id, rows, cols))
                .map(rendered -> SeatReadResponses.of(rendered, ifNoneMatch));
    }

    @POST
    @Path("/{id}/check-availability")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkAvailability", summary = "Whether the given seats are free right now")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AvailabilityRequest.class),
            examples = @ExampleObject(name = "two seats", ref = "AvailabilityRequest")))
    @APIResponse(responseCode = "200", description = "The answer, naming the unavailable seats", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Availability.class),
            examples = @ExampleObject(name = "one taken", ref = "Availability")))
    @APIResponse(responseCode = "404", description = "Unknown showtime")
    @APIResponse(responseCode = "415")
    public Uni<Availability> checkAvailability(@RestPath long id, @NotNull AvailabilityRequest body) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.availability(id, body.seats()));
    }
}
