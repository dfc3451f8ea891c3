package com.marquee.booking.booking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookingRepository implements PanacheRepositoryBase<Booking, Long> {

    public Uni<Booking> findByIdForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The showtime a booking belongs to, read without loading (or locking) the booking. */
    public Uni<Long> showtimeOf(long bookingId) {
        return find("select b.showtimeId from Booking b where b.id = ?1", bookingId).project(Long.class)
                .firstResult();
    }

    public Uni<List<Booking>> listForUser(long userId, boolean includeCancelled, int limit, int offset) {
        Sort newestFirst = Sort.descending("bookingTime", "id");
        var query = includeCancelled ? find("userId = ?1", newestFirst, userId)
                : find("userId = ?1 and status <> ?2", newestFirst, userId, BookingStatus.CANCELLED);
        return query.range(offset, offset + limit - 1).list();
    }

    /**
     * Locks those of {@code ids} that are still pending and due, skipping rows another transaction holds
     * (a checkout in progress, another instance's sweep): they are that transaction's to decide.
     */
    public Uni<List<Booking>> lockDue(Collection<Long> ids, Instant now) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT * FROM bookings WHERE booking_id IN (:ids) AND status = 'pending'"
                        + " AND hold_expiry_time <= :now AND NOT is_deleted ORDER BY booking_id FOR UPDATE SKIP LOCKED",
                Booking.class).setParameter("ids", ids).setParameter("now", now).getResultList());
    }

    /** Pending bookings whose hold fell due, oldest first; no lock (the caller locks and re-checks). */
    public Uni<List<Object[]>> findDue(Instant now, int limit) {
        return find("select b.id, b.showtimeId from Booking b where b.status = ?1 and b.holdExpiryTime <= ?2"
                + " order by b.holdExpiryTime", BookingStatus.PENDING, now)
                .project(Object[].class).page(Page.ofSize(limit)).list();
    }
}
