package com.marquee.booking.showtime;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.marquee.booking.booking.BookingView;
import com.marquee.booking.booking.MovieDetails;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.seat.Availability;
import com.marquee.booking.seat.SeatHoldService;
import com.marquee.booking.seat.SeatMapService;
import com.marquee.booking.seat.SeatMapView;
import com.marquee.booking.seat.SeatView;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@Path("/api/showtimes")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Showtimes and seat maps")
public class ShowtimeResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TakenSeats(long showtimeId, List<SeatView> bookedSeats) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AvailabilityRequest(JsonNode seats) {
    }

    // read with ObjectMapper.readValue, not as a JAX-RS body, so a native build does not see it on its own
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExtendHoldRequest(Integer additionalMinutes) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HoldExtended(String message, java.time.Instant holdExpiryTime, BookingView booking) {
    }

    private final ShowtimeService showtimes;
    private final ShowtimeCatalog catalog;
    private final SeatMapService seatMaps;
    private final SeatHoldService holds;
    private final MovieDetails movies;
    private final BookingConfig config;
    private final ObjectMapper json;

    public ShowtimeResource(ShowtimeService showtimes, ShowtimeCatalog catalog, SeatMapService seatMaps,
            SeatHoldService holds, MovieDetails movies, BookingConfig config, ObjectMapper json) {
        this.json = json;
        this.showtimes = showtimes;
        this.catalog = catalog;
        this.movies = movies;
        this.seatMaps = seatMaps;
        this.holds = holds;
        this.config = config;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The local copy of a showtime")
    public Uni<ShowtimeView> get(@RestPath long id) {
        return catalog.ensureFresh(id).chain(() -> showtimes.get(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create (201) or replace (200) the local copy of a showtime")
    public Uni<RestResponse<ShowtimeView>> put(@RestPath long id, @Valid @NotNull ShowtimeRequest body) {
        if (id <= 0) {
            throw new InvalidRequest("showtime_id", "must be a positive integer");
        }
        return showtimes.put(id, body).map(result -> result.created()
                ? RestResponse.status(RestResponse.Status.CREATED, result.showtime())
                : RestResponse.ok(result.showtime()));
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

    @POST
    @Path("/booking/{bookingId}/extend-hold")
    @Operation(summary = "Add minutes to a pending booking's hold (default 5)")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExtendHoldRequest.class)))
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
        return holds.extend(bookingId, minutes).chain(result -> movies.add(result.booking()).map(booking -> {
            long added = result.added().toMinutes();
            String message = result.capped()
                    ? "Hold extended until " + booking.holdExpiryTime() + ", the longest allowed"
                    : "Hold extended by " + added + (added == 1 ? " minute" : " minutes");
            return new HoldExtended(message, booking.holdExpiryTime(), booking);
        }));
    }
}
