package com.marquee.booking.booking;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.marquee.booking.payment.PaymentStatus;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookingRepository implements PanacheRepositoryBase<Booking, Long> {

    /** Only {@link BookingLocks} calls this: it knows the lock order. */
    Uni<Booking> findByIdForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The showtime a booking belongs to, read without loading (or locking) the booking. */
    public Uni<Long> showtimeOf(long bookingId) {
        return find("select b.showtimeId from Booking b where b.id = ?1", bookingId).project(Long.class)
                .firstResult();
    }

    /** The user a booking belongs to (immutable, so read without a lock); null for an unknown booking. */
    public Uni<Long> ownerOf(long bookingId) {
        return find("select b.userId from Booking b where b.id = ?1", bookingId).project(Long.class).firstResult();
    }

    /**
     * Who a payment belongs to, without a lock: {@code [created_by, user id of its booking or null]}; null for an
     * unknown payment.
     */
    public Uni<Object[]> payerOf(long paymentId) {
        return find("select p.createdBy, b.userId from Payment p left join Booking b on b.id = p.bookingId"
                + " where p.id = ?1", paymentId).project(Object[].class).firstResult();
    }

    public Uni<List<Booking>> listForUser(long userId, boolean includeCancelled, int limit, int offset) {
        Sort newestFirst = Sort.descending("bookingTime", "id");
        var query = includeCancelled ? find("userId = ?1", newestFirst, userId)
                : find("userId = ?1 and status <> ?2", newestFirst, userId, BookingStatus.CANCELLED);
        return query.range(offset, offset + limit - 1).list();
    }

    /**
     * Pending bookings whose hold fell due, as {@code [booking id, showtime id]}, oldest first; no lock (the
     * release locks and re-checks). A booking whose charge started after {@code chargesFrom} is left to that
     * charge: its answer must find the seats still held.
     */
    public Uni<List<Object[]>> findDue(Instant now, Instant chargesFrom, int limit) {
        return find("select b.id, b.showtimeId from Booking b where b.status = ?1 and b.holdExpiryTime <= ?2"
                + " and not exists (select 1 from Payment p where p.bookingId = b.id and p.status = ?3"
                + " and p.chargeStartedAt > ?4) order by b.holdExpiryTime",
                BookingStatus.PENDING, now, PaymentStatus.PROCESSING, chargesFrom)
                .project(Object[].class).page(Page.ofSize(limit)).list();
    }

    /** The booking a payment pays for, as {@code [booking id, showtime id]}, read without a lock; null if none. */
    public Uni<Object[]> findPaidBy(long paymentId) {
        return find("select b.id, b.showtimeId from Booking b where b.paymentId = ?1", paymentId)
                .project(Object[].class).firstResult();
    }

    /**
     * Pending bookings made at or before {@code bookedBefore} whose hold still runs at {@code now}, oldest
     * first, that the auto-confirm job has not already tried; no lock.
     */
    public Uni<List<Long>> findAutoConfirmDue(Instant bookedBefore, Instant now, String autoConfirmActor,
            int limit) {
        return find("select b.id from Booking b where b.status = ?1 and b.bookingTime <= ?2"
                + " and b.holdExpiryTime > ?3 and not exists (select 1 from Payment p where p.bookingId = b.id"
                + " and p.createdBy = ?4) order by b.bookingTime, b.id",
                BookingStatus.PENDING, bookedBefore, now, autoConfirmActor)
                .project(Long.class).page(Page.ofSize(limit)).list();
    }

    /**
     * Locks a booking for the auto-confirm job if it is still due (re-checked on the locked row); null if it
     * is not, or if another transaction holds it (a checkout, a cancel, another instance). Only
     * {@link BookingLocks} calls this.
     */
    Uni<Booking> lockForAutoConfirm(long id, Instant bookedBefore, Instant now, String autoConfirmActor) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT * FROM bookings b WHERE b.booking_id = :id AND b.status = 'pending'"
                        + " AND b.booking_time <= :before AND b.hold_expiry_time > :now AND NOT b.is_deleted"
                        + " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.booking_id"
                        + " AND p.created_by = :actor) FOR UPDATE OF b SKIP LOCKED",
                Booking.class).setParameter("id", id).setParameter("before", bookedBefore)
                .setParameter("now", now).setParameter("actor", autoConfirmActor).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
