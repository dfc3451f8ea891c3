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
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.booking.api.PaymentEnvelope;
import com.marquee.booking.common.idempotency.Idempotency;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.api.CreatePaymentRequest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The payments API. It lives with the booking lifecycle, not in the payment package, because what it does to a
 * payment can end a booking (a refund cancels the booking it paid for) and the lifecycle owns that order.
 */
@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
public class PaymentResource {

    private final BookingLifecycle lifecycle;
    private final BookingQueries queries;
    private final CheckoutAnswers answers;
    private final Idempotency idempotency;
    private final BookingAccess access;

    public PaymentResource(BookingLifecycle lifecycle, BookingQueries queries, CheckoutAnswers answers,
            Idempotency idempotency, BookingAccess access) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.answers = answers;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPayment", summary = "Create a pending payment, optionally for a booking",
            description = "Also served at /api/payments/.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreatePaymentRequest.class),
            examples = @ExampleObject(name = "for a booking", ref = "CreatePaymentRequest")))
    @APIResponse(responseCode = "201", description = "Payment created",
            headers = @Header(name = "Location", description = "/api/payments/{id}",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentEnvelope.class),
                    examples = @ExampleObject(name = "created", ref = "PaymentCreated")))
    @APIResponse(responseCode = "404", description = "Unknown booking_id")
    @APIResponse(responseCode = "409", description = "booking_id names a booking that is not pending or whose hold"
            + " expired, or a request with this Idempotency-Key is still running")
    @APIResponse(responseCode = "415")
    @APIResponse(responseCode = "422")
    public Uni<Response> create(@Valid @NotNull CreatePaymentRequest body,
            @Parameter(description = BookingResource.IDEMPOTENCY_KEY)
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context HttpServerRequest request) {
        // the fingerprint has the payer the payment will carry, not the body's optional created_by: another user
        // reusing the same key with the same amount gets 422, never this user's stored answer
        return access.createPayment(body.createdBy(), body.bookingId()).chain(payer -> idempotency.run(idempotencyKey,
                "create-payment", request.method().name(), request.path(),
                new CreatePaymentRequest(body.amount(), payer, body.bookingId()),
                claim -> lifecycle.createPayment(body.amount(), payer, body.bookingId(), claim)
                        .map(view -> answers.paymentCreated(view).toResponse(false))));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPayment", summary = "One payment")
    @APIResponse(responseCode = "200", description = "The payment", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentEnvelope.class),
            examples = @ExampleObject(name = "completed", ref = "Payment")))
    @APIResponse(responseCode = "404")
    public Uni<PaymentEnvelope> get(@RestPath long id) {
        return access.payment(id).chain(() -> queries.payment(id)).map(PaymentEnvelope::of);
    }

    @POST
    @Path("/{id}/process")
    @Operation(operationId = "processPayment", summary = "Charge a pending payment through the payment provider",
            description = "200 completed; 202 when the provider has not answered yet (settled later: poll it); 402"
                    + " declined (the payment is failed).")
    @APIResponse(responseCode = "200", description = "Payment completed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentEnvelope.class),
            examples = @ExampleObject(name = "completed", ref = "PaymentCompleted")))
    @APIResponse(responseCode = "202", description = "The provider has not answered yet: the payment stays processing;"
            + " poll GET /api/payments/{id}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentEnvelope.class),
                    examples = @ExampleObject(name = "provider pending", ref = "PaymentProcessingPending")))
    @APIResponse(responseCode = "402", description = "Declined: the payment is failed")
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Not pending, already being charged, its booking is no longer"
            + " pending or held, or the booking was cancelled while it was charged (the charge is refunded)")
    public Uni<Response> process(@RestPath long id) {
        return access.payment(id).chain(() -> lifecycle.process(id)).map(settled -> answers.processing(settled).toResponse(false));
    }

    @POST
    @Path("/{id}/fail")
    @Operation(operationId = "failPayment", summary = "Mark a pending payment failed")
    @APIResponse(responseCode = "200", description = "Payment failed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentEnvelope.class),
            examples = @ExampleObject(name = "failed", ref = "PaymentFailed")))
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Not pending")
    public Uni<PaymentEnvelope> fail(@RestPath long id) {
        return access.operator("fail a payment").chain(() -> lifecycle.fail(id)).map(view -> PaymentEnvelope.of("Payment failed", view));
    }

    @POST
    @Path("/{id}/refund")
    @Operation(operationId = "refundPayment",
            summary = "Refund a completed payment; a confirmed booking it paid for is cancelled",
            description = "200 refunded; 202 when the provider has not confirmed the refund yet (the payment stays"
                    + " refunding and is settled later; the booking is cancelled at once either way).")
    @APIResponse(responseCode = "200", description = "Payment refunded (booking: the booking it cancelled, if any)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentEnvelope.class),
                    examples = @ExampleObject(name = "refunded", ref = "PaymentRefunded")))
    @APIResponse(responseCode = "202", description = "The provider has not confirmed the refund yet: the payment stays"
            + " refunding; the booking is cancelled either way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentEnvelope.class),
                    examples = @ExampleObject(name = "provider pending", ref = "PaymentRefundPending")))
    @APIResponse(responseCode = "404")
    @APIResponse(responseCode = "409", description = "Not completed")
    public Uni<Response> refund(@RestPath long id) {
        return access.operator("refund a payment").chain(() -> lifecycle.refund(id)).map(refunded -> {
            boolean done = PaymentStatus.REFUNDED.wire().equals(refunded.payment().status());
            return Response.status(done ? 200 : 202).entity(new PaymentEnvelope(
                    done ? "Payment refunded" : "Refund sent to the payment provider, which has not confirmed it yet",
                    refunded.payment(), refunded.cancelledBooking())).build();
        });
    }
}
