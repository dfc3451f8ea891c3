package com.marquee.booking.common.web;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.marquee.booking.common.config.BookingConfig;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * JAX-RS turns {@code Response.created(URI.create("/api/bookings/1001"))} into an absolute URI built from the
 * request's Host header, which the client chooses ({@code Host: evil.example} gave
 * {@code Location: http://evil.example/api/bookings/1001}). Every Location we send points at this service, so it
 * goes out as a path, or under {@code booking.http.public-base-url} when one is configured. X-Forwarded-* headers
 * do not matter here either (they are honoured only with {@code quarkus.http.proxy.proxy-address-forwarding}).
 */
public class PublicLocation {

    private final Optional<URI> publicBaseUrl;

    public PublicLocation(BookingConfig config) {
        this.publicBaseUrl = config.http().publicBaseUrl();
    }

    @ServerResponseFilter
    public void rewrite(ContainerResponseContext response, HttpServerRequest request) {
        Object value = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (value == null) {
            return;
        }
        URI location = value instanceof URI uri ? uri : URI.create(value.toString());
        if (location.isAbsolute() && !builtFrom(location, request.authority())) {
            return; // not one JAX-RS made up from the request: leave it alone
        }
        response.getHeaders().putSingle(HttpHeaders.LOCATION, publicForm(pathOf(location), publicBaseUrl));
    }

    /** The part of a URI pointing at this service that does not depend on how the client reached it. */
    public static String pathOf(URI location) {
        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        return location.getRawQuery() == null ? path : path + "?" + location.getRawQuery();
    }

    static String publicForm(String path, Optional<URI> base) {
        return base.map(uri -> uri.toString().replaceAll("/+$", "") + path).orElse(path);
    }

    private static boolean builtFrom(URI location, HostAndPort authority) {
        return authority != null && authority.host().equalsIgnoreCase(location.getHost())
                && (authority.port() == location.getPort() || authority.port() <= 0 && location.getPort() <= 0);
    }
}
