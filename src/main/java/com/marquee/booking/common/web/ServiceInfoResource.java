package com.marquee.booking.common.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;

/**
 * What a person or a load balancer finds at the root. Probes and metrics are on the management interface (port
 * 9000), not here; {@code /health} stays for the seed's simple check. {@code /docs} leads to the Swagger UI where
 * it is on ({@code quarkus.swagger-ui.enabled}: off in production unless {@code BOOKING_SWAGGER_UI=true}), else to
 * the OpenAPI document.
 */
@Path("/")
@Tag(name = "Service")
public class ServiceInfoResource {

    private final Map<String, Object> info;
    private static final Map<String, String> HEALTHY = Map.of("status", "healthy", "service", "booking-service");
    private static final Map<String, String> UNHEALTHY = Map.of("status", "unhealthy", "service", "booking-service");

    private final SmallRyeHealthReporter healthChecks;
    private final boolean swaggerUi;

    public ServiceInfoResource(SmallRyeHealthReporter healthChecks,
            @ConfigProperty(name = "quarkus.swagger-ui.enabled", defaultValue = "true") boolean swaggerUi) {
        this.healthChecks = healthChecks;
        this.swaggerUi = swaggerUi;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", "booking-service");
        info.put("description", "Holds seats, takes payments and confirms movie tickets");
        info.put("status", "running");
        Map<String, String> links = new LinkedHashMap<>();
        links.put("docs", "/docs");
        links.put("openapi", "/q/openapi");
        if (swaggerUi) {
            links.put("swagger_ui", "/q/swagger-ui");
        }
        links.put("health", "/health");
        links.put("bookings", "/api/bookings");
        links.put("showtimes", "/api/showtimes/{id}");
        info.put("links", links);
        // the seed clients' shape
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("bookings", "/api/bookings/");
        endpoints.put("payments", "/api/payments/");
        endpoints.put("showtimes", "/api/showtimes/");
        info.put("endpoints", endpoints);
        this.info = Map.copyOf(info);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "serviceInfo", summary = "Service information with links to the docs")
    @APIResponse(responseCode = "200", description = "Service information", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "info", ref = "ServiceInfo")))
    public Map<String, Object> info() {
        return info;
    }

    @GET
    @Path("/health")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "health", summary = "Liveness for simple probes (503 when /q/health/live is DOWN); the"
            + " platform's probes use /q/health/live and /q/health/ready on the management port (9000)")
    @APIResponse(responseCode = "200", description = "Healthy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "healthy", ref = "Health")))
    public Uni<Response> health() {
        return healthChecks.getLivenessAsync().map(liveness -> liveness.isDown()
                ? Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(UNHEALTHY).build()
                : Response.ok(HEALTHY).build());
    }

    @GET
    @Path("/docs")
    @Operation(hidden = true)
    public Response docs() {
        return Response.seeOther(swaggerUi ? URI.create("/q/swagger-ui/") : URI.create("/q/openapi")).build();
    }
}
