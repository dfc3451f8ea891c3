package com.marquee.booking.booking;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.integration.user.UserDirectory;
import com.marquee.booking.seat.HoldCommand;
import com.marquee.booking.seat.SeatHoldService;
import com.marquee.booking.seat.SeatsUnavailable;
import com.marquee.booking.showtime.ShowtimeCatalog;

import io.smallrye.mutiny.Uni;

/**
 * Creating a booking around its one transaction ({@link SeatHoldService#hold}): the upstream checks
 * come before it, so no upstream is waited on while the showtime row is locked, and counting and movie
 * details come after it, so nothing is counted for a hold that rolled back.
 */
@ApplicationScoped
public class BookingCreation {

    private final ShowtimeCatalog showtimes;
    private final UserDirectory users;
    private final SeatHoldService holds;
    private final MovieDetails movies;
    private final BookingMetrics metrics;

    public BookingCreation(ShowtimeCatalog showtimes, UserDirectory users, SeatHoldService holds,
            MovieDetails movies, BookingMetrics metrics) {
        this.showtimes = showtimes;
        this.users = users;
        this.holds = holds;
        this.movies = movies;
        this.metrics = metrics;
    }

    public Uni<BookingView> create(HoldCommand command) {
        return showtimes.ensureFresh(command.showtimeId())
                .chain(() -> users.requireExisting(command.userId()))
                .chain(() -> holds.hold(command))
                .onFailure(e -> e instanceof SeatsUnavailable || DatabaseFailures.isActiveSeatConflict(e))
                .invoke(metrics::holdConflict)
                .invoke(metrics::holdCreated)
                .chain(movies::add);
    }
}
