package com.marquee.booking.seat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;


import io.smallrye.mutiny.Multi;

/** The live seat map: Server-Sent Events of a showtime's seats, on every instance, within a second of a change. */
@Path("/api/showtimes")
@Tag(name = "Showtimes and seat maps")
public class SeatStreamResource {

    private final LiveSeatMaps live;

    public SeatStreamResource(LiveSeatMaps live) {
        this.live = live;
    }

    @GET
    @Path("/{id}/seats/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @AdmitsSeatStream
    // a proxy that buffers or caches would hold the events back
    @ResponseHeader(name = HttpHeaders.CACHE_CONTROL, value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(operationId = "streamSeats", summary = "Live seat map (Server-Sent Events)", description = """
            First a `snapshot` event whose data is the Theatre UI's seat list, `{"seats": [{"row": 2, "col": 5, \
            "status": "on_hold", "booking_id": 501}, ...]}` (active seats, integer rows); then a `change` event \
            for every difference, `{"seats": [...]}` with each changed seat's new status: `on_hold`, `booked`, or \
            `released` (cancelled, refunded, or a hold that ran out, announced at its expiry time). A change \
            committed on any instance arrives within about a second. Every event has an `id` that grows with \
            time on one instance; on reconnection the stream starts again with a snapshot. A comment line \
            (`: heartbeat`) is sent every `booking.seats.live.heartbeat` (15 s). No personal data.""")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    // problem+json bodies with examples are added by common/web/OpenApiProblems, as for every operation
    @APIResponse(responseCode = "404", description = "Unknown showtime")
    @APIResponse(responseCode = "503", description = "This instance serves as many streams as it may; retry later",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait"))
    public Multi<OutboundSseEvent> stream(@RestPath long id, @Context Sse sse) {
        LiveSeatMaps.StreamSlot slot = live.reserve();
        if (slot == null) {
            throw live.limitReached();
        }
        return live.stream(id, slot, sse);
    }
}
