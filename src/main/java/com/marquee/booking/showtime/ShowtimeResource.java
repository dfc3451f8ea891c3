package com.marquee.booking.showtime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.security.AccessControl;

import io.smallrye.mutiny.Uni;

/** The local copy of a showtime. */
@Path("/api/showtimes")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Showtimes and seat maps")
public class ShowtimeResource {

    private final ShowtimeService showtimes;
    private final ShowtimeCatalog catalog;
    private final AccessControl access;

    public ShowtimeResource(ShowtimeService showtimes, ShowtimeCatalog catalog, AccessControl access) {
        this.access = access;
        this.showtimes = showtimes;
        this.catalog = catalog;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getShowtime", summary = "The local copy of a showtime")
    @APIResponse(responseCode = "200", description = "The showtime", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShowtimeView.class),
            examples = @ExampleObject(name = "showtime", ref = "Showtime")))
    @APIResponse(responseCode = "404", description = "Unknown showtime (here and at the Theatre Service)")
    public Uni<ShowtimeView> get(@RestPath long id) {
        return catalog.ensureFresh(id).chain(() -> showtimes.get(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putShowtime", summary = "Create (201) or replace (200) the local copy of a showtime")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShowtimeRequest.class),
            examples = @ExampleObject(name = "showtime", ref = "ShowtimeRequest")))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShowtimeView.class),
            examples = @ExampleObject(name = "showtime", ref = "Showtime")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShowtimeView.class),
            examples = @ExampleObject(name = "showtime", ref = "Showtime")))
    @APIResponse(responseCode = "409", description = "The new screen size would cut off held or booked seats")
    @APIResponse(responseCode = "415")
    @SecurityRequirement(name = "bearer")
    public Uni<RestResponse<ShowtimeView>> put(@RestPath long id, @Valid @NotNull ShowtimeRequest body) {
        if (id <= 0) {
            throw new InvalidRequest("showtime_id", "must be a positive integer");
        }
        return access.operator("change a showtime").chain(() -> showtimes.put(id, body)).map(result -> result.created()
                ? RestResponse.status(RestResponse.Status.CREATED, result.showtime())
                : RestResponse.ok(result.showtime()));
    }
}
