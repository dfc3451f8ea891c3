package com.marquee.booking.showtime;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

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

    /** Locks several showtimes in id order, the order every writer uses, so no two writers deadlock. */
    public Uni<Void> lockAll(Collection<Long> ids) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT showtime_id FROM showtimes WHERE showtime_id IN (:ids) ORDER BY showtime_id FOR NO KEY UPDATE",
                Long.class).setParameter("ids", ids).getResultList()).replaceWithVoid();
    }
}
