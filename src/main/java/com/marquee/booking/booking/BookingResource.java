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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.booking.api.BookingCreated;
import com.marquee.booking.booking.api.BookingEnvelope;
import com.marquee.booking.booking.api.BookingList;
import com.marquee.booking.booking.api.ConfirmBookingRequest;
import com.marquee.booking.booking.api.CreateBookingRequest;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.idempotency.Idempotency;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.web.QueryParams;
import com.marquee.booking.seat.ActiveSeat;
import com.marquee.booking.seat.HoldCommand;
import com.marquee.booking.seat.SeatMapService;
import com.marquee.booking.seat.SeatParser;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Bookings")
public class BookingResource {

    public record ActiveSeats(List<ActiveSeat> seats) {
    }

    private final BookingCreation creation;
    private final BookingService bookings;
    private final CheckoutService checkout;
    private final Idempotency idempotency;
    private final SeatMapService seatMaps;
    private final MovieDetails movies;
    private final BookingMetrics metrics;
    private final BookingConfig config;

    public BookingResource(BookingCreation creation, BookingService bookings, CheckoutService checkout,
            Idempotency idempotency, SeatMapService seatMaps, MovieDetails movies, BookingMetrics metrics,
            BookingConfig config) {
        this.creation = creation;
        this.bookings = bookings;
        this.checkout = checkout;
        this.idempotency = idempotency;
        this.seatMaps = seatMaps;
        this.movies = movies;
        this.metrics = metrics;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold seats for a new pending booking (all or nothing)")
    @APIResponse(responseCode = "201", description = "Booking created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingCreated.class)))
    public Uni<Response> create(@Valid @NotNull CreateBookingRequest body,
            @RestHeader(Idempotency.HEADER) String idempotencyKey, @Context HttpServerRequest request) {
        // invalid input is refused before the key is claimed: only the work's own answers are replayed
        HoldCommand command = new HoldCommand(body.userId(), body.showtimeId(),
                SeatParser.parse(body.seats(), config.holds().maxSeats(), "seats"));
        return idempotency.run(idempotencyKey, "create-booking", request.method().name(), request.path(), body,
                () -> creation.create(command).map(view -> Response
                        .created(URI.create("/api/bookings/" + view.bookingId()))
                        .entity(BookingCreated.of(view)).build()));
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
    @Path("/{id}/complete")
    @Operation(summary = "Pay the amount due through the gateway and confirm the booking (402 if declined)")
    @APIResponse(responseCode = "200", description = "Booking completed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingEnvelope.class)))
    public Uni<Response> complete(@RestPath long id, @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context HttpServerRequest request) {
        return idempotency.run(idempotencyKey, "complete-booking", request.method().name(), request.path(), null,
                () -> checkout.complete(id).invoke(this::count).map(done -> {
                    CheckoutService.Checkout paid = done.orThrow();
                    return Response.ok(new BookingEnvelope("Booking completed", paid.booking(), paid.payment()))
                            .build();
                }));
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the booking with a completed payment that covers the amount due")
    public Uni<BookingEnvelope> confirm(@RestPath long id, @Valid @NotNull ConfirmBookingRequest body) {
        return checkout.confirm(id, body.paymentId())
                .invoke(metrics::bookingConfirmed)
                .map(view -> new BookingEnvelope("Booking confirmed", view, view.payment()));
    }

    /** Counted once the checkout's transaction committed, declines included. */
    private void count(CheckoutService.Checkout done) {
        metrics.payment(done.approved() ? "completed" : "declined");
        if (done.approved()) {
            metrics.bookingConfirmed();
        }
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
