package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.marquee.booking.integration.theatre.TheatreShowtime;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ShowtimeRepository implements PanacheRepositoryBase<Showtime, Long> {

    /** {@code SELECT ... FOR UPDATE}: serialises every seat change of one showtime. */
    public Uni<Showtime> findByIdForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Inserts the showtime unless one with this id exists (concurrent creators: one wins); true if inserted. */
    public Uni<Boolean> insertIfAbsent(long id, ShowtimeRequest r) {
        return getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO showtimes (showtime_id, movie_id, screen_id, start_time, price, num_rows, num_cols)"
                        + " VALUES (:id, :movie, :screen, :start, :price, :rows, :cols)"
                        + " ON CONFLICT (showtime_id) DO NOTHING")
                .setParameter("id", id).setParameter("movie", r.movieId()).setParameter("screen", r.screenId())
                .setParameter("start", r.startTime()).setParameter("price", r.price().setScale(2))
                .setParameter("rows", r.numRows().shortValue()).setParameter("cols", r.numCols().shortValue())
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /**
     * Adds {@code delta} to a showtime's counter of active seats, in SQL like every other counter change (the
     * release path lowers it set-based): an entity write could overwrite a change it did not see.
     */
    public Uni<Integer> addSeatsBooked(long id, int delta, Instant now) {
        return getSession().chain(session -> session.createNativeQuery(
                "UPDATE showtimes SET seats_booked = seats_booked + :delta, updated_at = :now WHERE showtime_id = :id")
                .setParameter("delta", delta).setParameter("now", now).setParameter("id", id).executeUpdate());
    }

    /** Active seats (held, booked; expired holds included) a screen of {@code rows} x {@code cols} would cut off. */
    public Uni<Long> countSeatsOutside(long id, int rows, int cols, Instant now) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM booked_seats WHERE showtime_id = :id AND NOT is_deleted"
                        + " AND (status = 'booked' OR (status = 'on_hold' AND hold_expiry_time > :now))"
                        + " AND (seat_row > :rows OR seat_col > :cols)", Long.class)
                .setParameter("id", id).setParameter("now", now).setParameter("rows", rows)
                .setParameter("cols", cols).getSingleResult());
    }

    /** Locks several showtimes in id order, the order every writer uses, so no two writers deadlock. */
    public Uni<Void> lockAll(Collection<Long> ids) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT showtime_id FROM showtimes WHERE showtime_id IN (:ids) ORDER BY showtime_id FOR NO KEY UPDATE",
                Long.class).setParameter("ids", ids).getResultList()).replaceWithVoid();
    }

    /**
     * Stores the Theatre Service's copy of a showtime, or refreshes an earlier one. A smaller screen never cuts
     * off seats that are held or booked here (the size stays large enough for them); the seat counter is ours
     * and left alone. Locally managed showtimes ({@code refreshed_at} NULL, made by {@code PUT}) are not
     * overwritten. The caller's transaction takes the showtime lock first and only then reads the active seats
     * (a new statement, a new snapshot): a hold committed while we waited for the lock is seen.
     */
    public Uni<Integer> upsertFromTheatre(TheatreShowtime t, BigDecimal price, Instant now) {
        String activeSeats = "FROM booked_seats b WHERE b.showtime_id = EXCLUDED.showtime_id"
                + " AND b.status IN ('on_hold', 'booked') AND NOT b.is_deleted";
        return lockIfPresent(t.showtimeId()).chain(() -> getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO showtimes (showtime_id, movie_id, screen_id, start_time, price, num_rows, num_cols,"
                        + " refreshed_at, updated_at)"
                        + " VALUES (:id, :movie, :screen, :start, :price, :rows, :cols, :now, :now)"
                        + " ON CONFLICT (showtime_id) DO UPDATE SET movie_id = EXCLUDED.movie_id,"
                        + " screen_id = EXCLUDED.screen_id, start_time = EXCLUDED.start_time, price = EXCLUDED.price,"
                        + " num_rows = GREATEST(EXCLUDED.num_rows, (SELECT COALESCE(max(b.seat_row), 0) " + activeSeats + ")),"
                        + " num_cols = GREATEST(EXCLUDED.num_cols, (SELECT COALESCE(max(b.seat_col), 0) " + activeSeats + ")),"
                        + " refreshed_at = EXCLUDED.refreshed_at, updated_at = EXCLUDED.updated_at, is_deleted = false"
                        + " WHERE showtimes.refreshed_at IS NOT NULL")
                .setParameter("id", t.showtimeId()).setParameter("movie", t.movieId())
                .setParameter("screen", t.screenId()).setParameter("start", t.startTime())
                .setParameter("price", price.setScale(2)).setParameter("rows", (short) t.numRows())
                .setParameter("cols", (short) t.numCols()).setParameter("now", now)
                .executeUpdate()));
    }

    /** The showtime lock, if the showtime exists (a new one has no seats a refresh could cut off). */
    private Uni<Void> lockIfPresent(long id) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT showtime_id FROM showtimes WHERE showtime_id = :id FOR NO KEY UPDATE", Long.class)
                .setParameter("id", id).getResultList()).replaceWithVoid();
    }

    /** showtime id -> movie id, for those of {@code ids} that have a movie. */
    public Uni<Map<Long, Long>> movieIds(Collection<Long> ids) {
        return find("select s.id, s.movieId from Showtime s where s.id in ?1 and s.movieId is not null", ids)
                .project(Object[].class).list().map(rows -> {
                    Map<Long, Long> byShowtime = new HashMap<>();
                    for (Object[] row : rows) {
                        byShowtime.put((Long) row[0], (Long) row[1]);
                    }
                    return byShowtime;
                });
    }
}
