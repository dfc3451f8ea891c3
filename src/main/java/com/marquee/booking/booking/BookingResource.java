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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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

    static final String IDEMPOTENCY_KEY = "Optional. A retry with the same key and request replays the first answer"
            + " (header Idempotent-Replayed: true) without doing the work again; the same key with another request"
            + " is 422, while the first still runs 409. 1 to 255 visible ASCII characters: a UUID is a good key.";

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
    @Operation(operationId = "createBooking", summary = "Hold seats for a new pending booking (all or nothing)",
            description = "Also served at /api/bookings/. The seats stay on_hold until hold_expiry_time.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateBookingRequest.class),
            examples = @ExampleObject(name = "letters and numbers", ref = "CreateBookingRequest")))
    @APIResponse(responseCode = "201", description = "Booking created",
            headers = @Header(name = "Location", description = "/api/bookings/{id}",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingCreated.class),
                    examples = @ExampleObject(name = "created", ref = "BookingCreated")))
    @APIResponse(responseCode = "404", description = "Unknown showtime, or a user the User Service does not know")
    @APIResponse(responseCode = "409", description = "A seat is taken (seats[] names them), the showtime has started,"
            + " or a request with this Idempotency-Key is still running")
    @APIResponse(responseCode = "415")
    @APIResponse(responseCode = "422")
    public Uni<Response> create(@Valid @NotNull CreateBookingRequest body,
            @Parameter(description = IDEMPOTENCY_KEY) @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context HttpServerRequest request) {
        // invalid input is refused before the key is claimed: only the work's own answers are replayed
        HoldCommand command = new HoldCommand(body.userId(), body.showtimeId(),
                SeatParser.parse(body.seats(), config.holds().maxSeats(), "seats"));
        return access.createBooking(command.userId()).chain(() -> idempotency.run(idempotencyKey, "create-booking",
                request.method().name(), request.path(), body, claim -> lifecycle.hold(command, claim).chain(movies::add)
                        .map(view -> answers.bookingCreated(view).toResponse(false))));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBooking", summary = "One booking with its seats and payment")
    @APIResponse(responseCode = "200", description = "The booking",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BookingEnvelope.class), examples = @ExampleObject(name = "pending",
                    ref = "Booking")))
    @APIResponse(responseCode = "404")
    public Uni<BookingEnvelope> get(@RestPath long id) {
        return access.booking(id).chain(() -> queries.booking(id)).chain(movies::add).map(BookingEnvelope::of);
    }

    @GET
    @Path("/user/{userId}")
    @Operation(operationId = "listUserBookings", summary = "A user's bookings, newest first")
    @APIResponse(responseCode = "200", description = "The bookings, newest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingList.class),
            examples = @ExampleObject(name = "one booking", ref = "BookingList")))
    @APIResponse(responseCode = "400", description = "include_cancelled, limit (1..200) or offset is not valid")
    public Uni<BookingList> forUser(@RestPath long userId,
            @Parameter(description = "true to list cancelled bookings too", schema = @Schema(type = SchemaType.BOOLEAN,
                    defaultValue = "false")) @RestQuery("include_cancelled") String includeCancelled,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @RestQuery String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @RestQuery String offset) {
        boolean cancelled = QueryParams.booleanParam("include_cancelled", includeCancelled, false);
        int pageSize = QueryParams.intParam("limit", limit, 50, 1, 200);
        int skip = QueryParams.intParam("offset", offset, 0, 0, 1_000_000);
        return access.bookingsOf(userId).chain(() -> queries.bookingsOfUser(userId, cancelled, pageSize, skip))
                .chain(movies::add)
                .map(list -> new BookingList(list, pageSize, skip));
    }

    @POST
    @Path("/{id}/complete")
    @Operation(operationId = "completeBooking",
            summary = "Pay the amount due through the payment provider and confirm the booking",
            description = "200 confirmed; 202 when the provider has not answered yet (the booking stays pending and"
                    + " is settled by a webhook or the reconciler: poll it); 402 declined (the booking stays"
                    + " pending while its hold lasts).")
    @APIResponse(responseCode = "200", description = "Booking completed: confirmed and paid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingEnvelope.class),
                    examples = @ExampleObject(name = "confirmed", ref = "BookingCompleted")))
    @APIResponse(responseCode = "202", description = "The provider has not answered yet: the booking stays pending;"
            + " poll GET /api/bookings/{id}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BookingEnvelope.class),
                    examples = @ExampleObject(name = "provider pending", ref = "BookingCompletionPending")))
    @APIResponse(responseCode = "400", description = "The Idempotency-Key header is not valid")
    @APIResponse(responseCode = "402",
            description = "Declined: the payment is failed, the booking stays pending while its"
            + " hold lasts (retry, or confirm it with another payment)")
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Not pending, hold expired (checked before any payment is made),"
            + " showtime started, a charge already in flight, or a request with this Idempotency-Key still running")
    @APIResponse(responseCode = "422")
    public Uni<Response> complete(@RestPath long id,
            @Parameter(description = IDEMPOTENCY_KEY) @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context HttpServerRequest request) {
        return access.booking(id).chain(() -> idempotency.run(idempotencyKey, "complete-booking",
                request.method().name(), request.path(), null,
                claim -> lifecycle.complete(id, claim).map(settled -> answers.completion(settled).toResponse(false))));
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmBooking",
            summary = "Confirm the booking with a completed payment that covers the amount due")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfirmBookingRequest.class),
            examples = @ExampleObject(name = "a payment", ref = "ConfirmBookingRequest")))
    @APIResponse(responseCode = "200", description = "Booking confirmed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingEnvelope.class),
            examples = @ExampleObject(name = "confirmed", ref = "BookingConfirmed")))
    @APIResponse(responseCode = "404", description = "Unknown booking or payment")
    @APIResponse(responseCode = "409", description = "Booking not pending or hold expired; payment not completed,"
            + " already used or below the amount due")
    @APIResponse(responseCode = "415")
    public Uni<BookingEnvelope> confirm(@RestPath long id, @Valid @NotNull ConfirmBookingRequest body) {
        return access.confirm(id, body.paymentId()).chain(() -> lifecycle.confirm(id, body.paymentId()))
                .map(view -> new BookingEnvelope("Booking confirmed", view, view.payment()));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelBooking",
            summary = "Cancel a booking: seats released, a completed payment refunded")
    @APIResponse(responseCode = "200", description = "Booking cancelled", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingEnvelope.class),
            examples = @ExampleObject(name = "cancelled", ref = "BookingCancelled")))
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Already cancelled")
    public Uni<BookingEnvelope> cancel(@RestPath long id) {
        return access.booking(id).chain(() -> lifecycle.cancel(id)).chain(movies::add)
                .map(view -> BookingEnvelope.of("Booking cancelled", view));
    }
}
