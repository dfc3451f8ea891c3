package com.marquee.booking.seat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A seat read rendered to JSON once, with its strong ETag, reused by every request until {@code validUntil}
 * (when the next hold in it runs out) or until its snapshot is replaced. The ETag is a digest of the bytes, so
 * every instance gives the same answer the same tag and a poller moving between instances still gets 304s.
 */
public record RenderedSeats(byte[] body, String etag, Instant validUntil) {

    /** The reads served from a snapshot without rendering per request. */
    public enum View {
        /** {@code GET /api/bookings/showtime/{id}/seats}, also the live stream's {@code snapshot} event. */
        UI_LIST,
        /** {@code GET /api/showtimes/{id}/seats}. */
        TAKEN_SEATS,
        /** {@code GET /api/showtimes/{id}/seat-map} without {@code rows} or {@code cols}. */
        FULL_SEAT_MAP
    }

    public static RenderedSeats of(byte[] body, Instant validUntil) {
        return new RenderedSeats(body, etagOf(body), validUntil);
    }

    /** {@code "<22 base64url chars>"}: the first 128 bits of the body's SHA-256, quoted as RFC 9110 wants. */
    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16))
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
