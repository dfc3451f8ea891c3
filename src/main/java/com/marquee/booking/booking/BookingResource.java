package com.marquee.booking.booking;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
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
import org.jboss.resteasy.reactive.RestResponse;

import com.marquee.booking.booking.api.BookingCreated;
import com.marquee.booking.booking.api.BookingEnvelope;
import com.marquee.booking.booking.api.BookingList;
import com.marquee.booking.booking.api.CreateBookingRequest;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.web.QueryParams;
import com.marquee.booking.seat.ActiveSeat;
import com.marquee.booking.seat.HoldCommand;
import com.marquee.booking.seat.SeatMapService;
import com.marquee.booking.seat.SeatParser;

import io.smallrye.mutiny.Uni;

@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bookings")
public class BookingResource {

    public record ActiveSeats(List<ActiveSeat> seats) {
    }

    private final BookingCreation creation;
    private final BookingService bookings;
    private final SeatMapService seatMaps;
    private final MovieDetails movies;
    private final BookingMetrics metrics;
    private final BookingConfig config;

    public BookingResource(BookingCreation creation, BookingService bookings, SeatMapService seatMaps,
            MovieDetails movies, BookingMetrics metrics, BookingConfig config) {
        this.creation = creation;
        this.bookings = bookings;
        this.seatMaps = seatMaps;
        this.movies = movies;
        this.metrics = metrics;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold seats for a new pending booking (all or nothing)")
    public Uni<RestResponse<BookingCreated>> create(@Valid @NotNull CreateBookingRequest body) {
        HoldCommand command = new HoldCommand(body.userId(), body.showtimeId(),
                SeatParser.parse(body.seats(), config.holds().maxSeats(), "seats"));
        return creation.create(command).map(view -> RestResponse.ResponseBuilder
                .<BookingCreated> created(URI.create("/api/bookings/" + view.bookingId()))
                .entity(BookingCreated.of(view)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One booking with its seats and payment")
    public Uni<BookingEnvelope> get(@RestPath long id) {
        return bookings.get(id).chain(movies::add).map(BookingEnvelope::of);
    }

    @GET
    @Path("/user/{userId}")
    @Operation(summary = "A user's bookings, newest first")
    public Uni<BookingList> forUser(@RestPath long userId, @RestQuery("include_cancelled") String includeCancelled,
            @RestQuery String limit, @RestQuery String offset) {
        boolean cancelled = QueryParams.booleanParam("include_cancelled", includeCancelled, false);
        int pageSize = QueryParams.intParam("limit", limit, 50, 1, 200);
        int skip = QueryParams.intParam("offset", offset, 0, 0, 1_000_000);
        return bookings.listForUser(userId, cancelled, pageSize, skip).chain(movies::add)
                .map(list -> new BookingList(list, pageSize, skip));
    }

    @GET
    @Path("/showtime/{showtimeId}/seats")
    @Operation(summary = "Seats on hold or booked for a showtime (rows as integers)")
    public Uni<ActiveSeats> showtimeSeats(@RestPath long showtimeId) {
        return seatMaps.activeSeats(showtimeId).map(ActiveSeats::new);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a booking: seats released, a completed payment refunded")
    public Uni<BookingEnvelope> cancel(@RestPath long id) {
        return bookings.cancel(id)
                .invoke(() -> metrics.bookingCancelled(Booking.CANCELLED_BY_USER))
                .chain(movies::add)
                .map(view -> BookingEnvelope.of("Booking cancelled", view));
    }
}
