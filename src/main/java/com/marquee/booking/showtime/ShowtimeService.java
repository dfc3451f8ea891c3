package com.marquee.booking.showtime;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The local showtime copy: read it, or upsert it when no Theatre Service owns it. */
@ApplicationScoped
public class ShowtimeService {

    public record Upserted(ShowtimeView showtime, boolean created) {
    }

    private final ShowtimeRepository showtimes;
    private final Clock clock;

    public ShowtimeService(ShowtimeRepository showtimes, Clock clock) {
        this.showtimes = showtimes;
        this.clock = clock;
    }

    @WithSession
    public Uni<ShowtimeView> get(long id) {
        return showtimes.findById(id).onItem().ifNull().failWith(() -> new ShowtimeNotFound(id))
                .map(ShowtimeView::of);
    }

    /**
     * Creates or replaces a showtime. A smaller screen may not cut off seats that are held or booked;
     * a new price applies to new holds only (bookings keep the price they were made at).
     */
    @WithTransaction
    public Uni<Upserted> put(long id, ShowtimeRequest request) {
        return showtimes.insertIfAbsent(id, request).chain(created -> showtimes.findByIdForUpdate(id)
                .chain(showtime -> {
                    if (created) {
                        return Uni.createFrom().item(new Upserted(ShowtimeView.of(showtime), true));
                    }
                    Instant now = clock.instant();
                    return showtimes.countSeatsOutside(id, request.numRows(), request.numCols(), now).map(cut -> {
                        if (cut > 0) {
                            throw new ProblemException(409, "screen-too-small", "Screen too small",
                                    "A " + request.numRows() + " x " + request.numCols() + " screen would cut off " + cut
                                            + " held or booked seat(s) of showtime " + id);
                        }
                        showtime.movieId = request.movieId();
                        showtime.screenId = request.screenId();
                        showtime.startTime = request.startTime();
                        showtime.price = request.price().setScale(2);
                        showtime.numRows = request.numRows().shortValue();
                        showtime.numCols = request.numCols().shortValue();
                        showtime.updatedAt = now;
                        return new Upserted(ShowtimeView.of(showtime), false);
                    });
                }));
    }
}
