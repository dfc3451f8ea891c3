package com.marquee.booking.integration.payments;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/**
 * Stripe's PaymentIntents and Refunds endpoints, as far as checkout needs them. Requests are form-encoded, as
 * Stripe's v1 API wants them; answers come back as text with their status whatever it is (the default exception
 * mapper is off for this client, see application.properties), because a 402 or a 400 is an answer
 * {@link StripeClient} must read, not a failure. (A plain {@code Response}, not {@code RestResponse<String>}: the
 * latter cannot give the body of a non-2xx answer as text.)
 */
// dependent, not the default application scope: its client proxy would build a second HTTP client
@Dependent
@RegisterRestClient(configKey = "stripe")
@RegisterClientHeaders(StripeHeaders.class)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
interface StripeRestClient {

    @POST
    @Path("/payment_intents")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> createPaymentIntent(@HeaderParam("Idempotency-Key") String idempotencyKey,
            MultivaluedMap<String, String> form);

    @GET
    @Path("/payment_intents/{id}")
    Uni<Response> retrievePaymentIntent(@RestPath String id);

    @POST
    @Path("/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> createRefund(@HeaderParam("Idempotency-Key") String idempotencyKey,
            MultivaluedMap<String, String> form);
}
