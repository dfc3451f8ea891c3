package com.marquee.booking.booking;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.integration.movie.MovieCatalog;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.smallrye.mutiny.Uni;

/**
 * Adds {@code movie: {movie_id, name}} to booking responses when a Movie Service is configured. Runs
 * after the use case's transaction (the Movie Service is never waited on under a lock) and never fails
 * a response: what it cannot find it leaves out.
 */
@ApplicationScoped
public class MovieDetails {

    private final MovieCatalog movies;
    private final ShowtimeRepository showtimes;

    public MovieDetails(MovieCatalog movies, ShowtimeRepository showtimes) {
        this.movies = movies;
        this.showtimes = showtimes;
    }

    public Uni<BookingView> add(BookingView booking) {
        return add(List.of(booking)).map(views -> views.get(0));
    }

    public Uni<List<BookingView>> add(List<BookingView> bookings) {
        if (!movies.enabled() || bookings.isEmpty()) {
            return Uni.createFrom().item(bookings);
        }
        List<Long> showtimeIds = bookings.stream().map(BookingView::showtimeId).distinct().toList();
        return showtimes.movieIds(showtimeIds)
                .chain(movieByShowtime -> movies.names(movieByShowtime.values())
                        .map(names -> bookings.stream().map(b -> withName(b, movieByShowtime, names)).toList()))
                .onFailure().recoverWithItem(bookings);
    }

    private static BookingView withName(BookingView booking, Map<Long, Long> movieByShowtime, Map<Long, String> names) {
        Long movieId = movieByShowtime.get(booking.showtimeId());
        String name = movieId == null ? null : names.get(movieId);
        return name == null ? booking : booking.withMovie(new MovieRef(movieId, name));
    }
}
