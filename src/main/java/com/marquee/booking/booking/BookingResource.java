package com.marquee.booking.booking;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.booking.api.BookingCreated;
import com.marquee.booking.booking.api.BookingEnvelope;
import com.marquee.booking.booking.api.BookingList;
import com.marquee.booking.booking.api.ConfirmBookingRequest;
import com.marquee.booking.booking.api.CreateBookingRequest;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.idempotency.Idempotency;
import com.marquee.booking.common.web.QueryParams;
import com.marquee.booking.seat.SeatParser;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Bookings")
@SecurityRequirement(name = "bearer")
public class BookingResource {

    private final BookingLifecycle lifecycle;
    private final BookingQueries queries;
    private final CheckoutAnswers answers;
    private final Idempotency idempotency;
    private final MovieDetails movies;
    private final BookingConfig config;
    private final BookingAccess access;

    public BookingResource(BookingLifecycle lifecycle, BookingQueries queries, CheckoutAnswers answers,
            Idempotency idempotency, MovieDetails movies, BookingConfig config, BookingAccess access) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.answers = answers;
        this.idempotency = idempotency;
        this.movies = movies;
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
        return access.createBooking(command.userId()).chain(() -> idempotency.run(idempotencyKey, "create-booking",
                request.method().name(), request.path(), body, claim -> lifecycle.hold(command, claim).chain(movies::add)
                        .map(view -> answers.bookingCreated(view).toResponse(false))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One booking with its seats and payment")
    public Uni<BookingEnvelope> get(@RestPath long id) {
        return access.booking(id).chain(() -> queries.booking(id)).chain(movies::add).map(BookingEnvelope::of);
    }

    @GET
    @Path("/user/{userId}")
    @Operation(summary = "A user's bookings, newest first")
    public Uni<BookingList> forUser(@RestPath long userId, @RestQuery("include_cancelled") String includeCancelled,
            @RestQuery String limit, @RestQuery String offset) {
        boolean cancelled = QueryParams.booleanParam("include_cancelled", includeCancelled, false);
        int pageSize = QueryParams.intParam("limit", limit, 50, 1, 200);
        int skip = QueryParams.intParam("offset", offset, 0, 0, 1_000_000);
        return access.bookingsOf(userId).chain(() -> queries.bookingsOfUser(userId, cancelled, pageSize, skip))
                .chain(movies::add)
                .map(list -> new BookingList(list, pageSize, skip));
    }

    @POST
    @Path("/{id}/complete")
    @Operation(summary = "Pay the amount due through the payment provider and confirm the booking",
            description = "200 confirmed; 202 when the provider has not answered yet (the booking stays pending and"
                    + " is settled by a webhook or the reconciler: poll it); 402 declined (the booking stays"
                    + " pending while its hold lasts).")
    @APIResponse(responseCode = "200", description = "Booking completed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingEnvelope.class)))
    public Uni<Response> complete(@RestPath long id, @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context HttpServerRequest request) {
        return access.booking(id).chain(() -> idempotency.run(idempotencyKey, "complete-booking",
                request.method().name(), request.path(), null,
                claim -> lifecycle.complete(id, claim).map(settled -> answers.completion(settled).toResponse(false))));
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the booking with a completed payment that covers the amount due")
    public Uni<BookingEnvelope> confirm(@RestPath long id, @Valid @NotNull ConfirmBookingRequest body) {
        return access.confirm(id, body.paymentId()).chain(() -> lifecycle.confirm(id, body.paymentId()))
                .map(view -> new BookingEnvelope("Booking confirmed", view, view.payment()));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a booking: seats released, a completed payment refunded")
    public Uni<BookingEnvelope> cancel(@RestPath long id) {
        return access.booking(id).chain(() -> lifecycle.cancel(id)).chain(movies::add)
                .map(view -> BookingEnvelope.of("Booking cancelled", view));
    }
}
