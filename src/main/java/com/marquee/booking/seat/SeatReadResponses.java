package com.marquee.booking.seat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * HTTP answers for polled seat reads: a strong ETag, {@code Cache-Control: no-cache} (a cache may keep the
 * answer but must revalidate: seats change any second), and 304 when {@code If-None-Match} names the current
 * bytes, so the Theatre UI's 5-second poll costs a header exchange while nothing changed.
 */
final class SeatReadResponses {

    static final String REVALIDATE = "no-cache";

    private SeatReadResponses() {
    }

    static Response of(RenderedSeats rendered, String ifNoneMatch) {
        if (matches(ifNoneMatch, rendered.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, rendered.etag())
                    .header(HttpHeaders.CACHE_CONTROL, REVALIDATE).build();
        }
        return Response.ok(rendered.body(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, rendered.etag())
                .header(HttpHeaders.CACHE_CONTROL, REVALIDATE).build();
    }

    /** RFC 9110 13.1.2: {@code *}, or any listed tag equal to ours under weak comparison. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
