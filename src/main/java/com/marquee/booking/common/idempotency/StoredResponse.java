package com.marquee.booking.common.idempotency;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.marquee.booking.common.web.PublicLocation;

/** An answer as it is kept and replayed: the same status, headers that matter and body bytes. */
public record StoredResponse(int status, String contentType, String location, String body) {

    static StoredResponse of(IdempotencyRecord record) {
        return new StoredResponse(record.responseStatus, record.responseContentType, record.responseLocation,
                record.responseBody);
    }

    /** The response to send: the first time ({@code replayed} false) and on every replay. */
    public Response toResponse(boolean replayed) {
        Response.ResponseBuilder builder = Response.status(status).header(HttpHeaders.CONTENT_TYPE, contentType)
                .entity(body);
        if (location != null) {
            // answers kept before Locations were stored as paths carry the first client's Host
            builder.header(HttpHeaders.LOCATION, PublicLocation.pathOf(URI.create(location)));
        }
        if (replayed) {
            builder.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
