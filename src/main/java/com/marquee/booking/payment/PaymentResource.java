package com.marquee.booking.payment;

import java.net.URI;

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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.Cancellable;

import com.marquee.booking.booking.Booking;
import com.marquee.booking.common.idempotency.Idempotency;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.payment.api.CreatePaymentRequest;
import com.marquee.booking.payment.api.PaymentEnvelope;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false) // a client that hangs up must not cut a transaction short: it would keep its connection
@Tag(name = "Payments")
public class PaymentResource {

    private final PaymentService payments;
    private final Idempotency idempotency;
    private final BookingMetrics metrics;

    public PaymentResource(PaymentService payments, Idempotency idempotency, BookingMetrics metrics) {
        this.metrics = metrics;
        this.payments = payments;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a pending payment, optionally for a booking")
    @APIResponse(responseCode = "201", description = "Payment created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentEnvelope.class)))
    public Uni<Response> create(@Valid @NotNull CreatePaymentRequest body,
            @RestHeader(Idempotency.HEADER) String idempotencyKey, @Context HttpServerRequest request) {
        return idempotency.run(idempotencyKey, "create-payment", request.method().name(), request.path(), body,
                () -> payments.create(body.amount(), body.createdBy(), body.bookingId())
                        .map(view -> Response.created(URI.create("/api/payments/" + view.paymentId()))
                                .entity(PaymentEnvelope.of("Payment created", view)).build()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One payment")
    public Uni<PaymentEnvelope> get(@RestPath long id) {
        return payments.get(id).map(PaymentEnvelope::of);
    }

    @POST
    @Path("/{id}/process")
    @Operation(summary = "Charge a pending payment through the gateway (402 and failed if declined)")
    public Uni<PaymentEnvelope> process(@RestPath long id) {
        return payments.process(id)
                .invoke(result -> metrics.payment(result.approved() ? "completed" : "declined"))
                .map(result -> PaymentEnvelope.of("Payment completed", result.orThrow()));
    }

    @POST
    @Path("/{id}/fail")
    @Operation(summary = "Mark a pending payment failed")
    public Uni<PaymentEnvelope> fail(@RestPath long id) {
        return payments.fail(id).invoke(() -> metrics.payment("failed"))
                .map(view -> PaymentEnvelope.of("Payment failed", view));
    }

    @POST
    @Path("/{id}/refund")
    @Operation(summary = "Refund a completed payment; a confirmed booking it paid for is cancelled")
    public Uni<PaymentEnvelope> refund(@RestPath long id) {
        return payments.refund(id)
                .invoke(result -> {
                    metrics.payment("refunded");
                    if (result.cancelledBooking() != null) {
                        metrics.bookingCancelled(Booking.CANCELLED_REFUNDED);
                    }
                })
                .map(result -> new PaymentEnvelope("Payment refunded", result.payment(), result.cancelledBooking()));
    }
}
