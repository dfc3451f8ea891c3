package com.marquee.booking.showtime;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.marquee.booking.common.change.SeatsChanged;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The local showtime copy: read it, or upsert it when no Theatre Service owns it. */
@ApplicationScoped
public class ShowtimeService {

    public record Upserted(ShowtimeView showtime, boolean created) {
    }

    private final ShowtimeRepository showtimes;
    private final Event<SeatsChanged> seatsChanged;
    private final Clock clock;

    public ShowtimeService(ShowtimeRepository showtimes, Event<SeatsChanged> seatsChanged, Clock clock) {
        this.showtimes = showtimes;
        this.seatsChanged = seatsChanged;
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
    public Uni<Upserted> put(long id, ShowtimeRequest request) {
        return Transactions.inTransaction(() -> upsert(id, request))
                // a new size or start changes what seat reads show
                .invoke(() -> seatsChanged.fire(SeatsChanged.of(id)));
    }

    private Uni<Upserted> upsert(long id, ShowtimeRequest request) {
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
