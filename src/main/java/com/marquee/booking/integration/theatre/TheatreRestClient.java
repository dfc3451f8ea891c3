package com.marquee.booking.integration.theatre;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.integration.UpstreamJson;

import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** The Theatre Service's HTTP API, as far as bookings need it. */
// dependent, not the default application scope: its client proxy would build a second HTTP client
@Dependent
@RegisterRestClient(configKey = "theatre-service")
@Produces(MediaType.APPLICATION_JSON)
interface TheatreRestClient {

    @GET
    @Path("/showtimes/{id}")
    Uni<TheatreShowtimeDto> showtime(@RestPath long id);

    @GET
    @Path("/screens/{id}")
    Uni<TheatreScreenDto> screen(@RestPath long id);

    /** Adds {@code count} (may be negative) to the showtime's {@code seats_booked}: a bare, non-idempotent delta. */
    @POST
    @Path("/showtimes/{id}/seats")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> addSeats(@RestPath long id, SeatCountChange change);

    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultMapper) {
        return UpstreamJson.lenient(defaultMapper);
    }
}
