package com.marquee.booking.seat;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.showtime.ShowtimeCatalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** What browsers poll: which seats of a showtime are taken. Read-only; no personal data. */
@Path("/api/showtimes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Showtimes and seat maps")
public class SeatMapResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TakenSeats(long showtimeId, List<SeatView> bookedSeats) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AvailabilityRequest(JsonNode seats) {
    }

    private final ShowtimeCatalog catalog;
    private final SeatMapService seatMaps;

    public SeatMapResource(ShowtimeCatalog catalog, SeatMapService seatMaps) {
        this.catalog = catalog;
        this.seatMaps = seatMaps;
    }

    @GET
    @Path("/{id}/seats")
    @Operation(summary = "Seats on hold or booked (expired holds excluded)")
    public Uni<TakenSeats> takenSeats(@RestPath long id) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.takenSeats(id)).map(seats -> new TakenSeats(id, seats));
    }

    @GET
    @Path("/{id}/seat-map")
    @Operation(summary = "Every seat of the requested rows and columns with its status")
    public Uni<SeatMapView> seatMap(@RestPath long id, @RestQuery String rows, @RestQuery String cols) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.seatMap(id, rows, cols));
    }

    @POST
    @Path("/{id}/check-availability")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the given seats are free right now")
    public Uni<Availability> checkAvailability(@RestPath long id, @NotNull AvailabilityRequest body) {
        return catalog.ensureFresh(id).chain(() -> seatMaps.availability(id, body.seats()));
    }
}
