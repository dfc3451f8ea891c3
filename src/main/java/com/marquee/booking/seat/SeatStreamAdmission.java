package com.marquee.booking.seat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.marquee.booking.showtime.ShowtimeCatalog;
import com.marquee.booking.showtime.ShowtimeNotFound;

import io.smallrye.mutiny.Uni;

/**
 * Decides whether a live seat-map request gets a stream, before the stream starts: once an SSE response has
 * begun, its status and headers are sent and a 404 or 503 could no longer be told. Unknown showtime: 404
 * problem; every slot taken: 503 problem with {@code Retry-After}. The lookup also loads the showtime's
 * snapshot the stream then starts from.
 */
public class SeatStreamAdmission {

    private final LiveSeatMaps live;
    private final SeatSnapshots snapshots;
    private final ShowtimeCatalog catalog;

    public SeatStreamAdmission(LiveSeatMaps live, SeatSnapshots snapshots, ShowtimeCatalog catalog) {
        this.live = live;
        this.snapshots = snapshots;
        this.catalog = catalog;
    }

    @AdmitsSeatStream
    @ServerRequestFilter
    public Uni<Response> admit(ContainerRequestContext request) {
        long showtimeId;
        try {
            showtimeId = Long.parseLong(request.getUriInfo().getPathParameters().getFirst("id"));
        } catch (NumberFormatException e) {
            return Uni.createFrom().nullItem(); // not an id: the resource answers 404 like every other route
        }
        if (live.full()) {
            return Uni.createFrom().failure(live.limitReached()); // before any query: shedding must be cheap
        }
        return catalog.ensureFresh(showtimeId).chain(() -> snapshots.current(showtimeId)).map(snapshot -> {
            if (snapshot == null) {
                throw new ShowtimeNotFound(showtimeId);
            }
            return null;
        });
    }
}
