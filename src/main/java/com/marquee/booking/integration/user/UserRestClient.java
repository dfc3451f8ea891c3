package com.marquee.booking.integration.user;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.integration.UpstreamJson;

import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** The User Service's HTTP API, as far as bookings need it. */
// dependent, not the default application scope: its client proxy would build a second HTTP client
@Dependent
@RegisterRestClient(configKey = "user-service")
@Produces(MediaType.APPLICATION_JSON)
interface UserRestClient {

    @GET
    @Path("/users/{id}")
    Uni<UserDto> user(@RestPath long id);

    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultMapper) {
        return UpstreamJson.lenient(defaultMapper);
    }
}
