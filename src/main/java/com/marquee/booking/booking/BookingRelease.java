package com.marquee.booking.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.events.EventType;
import com.marquee.booking.events.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one way a booking ends without being used: cancelled by its user, refunded, or expired (by the sweep or
 * by a new hold on its seats). One set-based statement cancels the bookings, releases their seats, fails
 * their payments still {@code pending} (a charge in flight is left to settle: if it succeeds the money is
 * refunded), and lowers each showtime's counter by exactly the seats released; then the events are written.
 * <p>
 * The caller holds the showtime locks of the bookings ({@link BookingLocks}); bookings are locked here
 * {@code FOR UPDATE SKIP LOCKED}, so a booking another transaction holds (a checkout, another instance's
 * sweep) is that transaction's to decide, while a booking the caller locked itself is released. Entities the
 * caller loaded are stale afterwards: it re-reads what it answers with.
 */
@ApplicationScoped
class BookingRelease {

    static final String USER = "user";
    static final String EXPIRED = "expired";
    static final String REFUNDED = "refunded";

    /** The bookings released (in id order), their showtimes, and the pending payments failed with them. */
    record Released(List<Long> bookingIds, SortedSet<Long> showtimeIds, List<Long> failedPaymentIds) {

        boolean isEmpty() {
            return bookingIds.isEmpty();
        }
    }

    private static final String RELEASE = """
            WITH target AS (
                SELECT booking_id FROM bookings
                 WHERE booking_id IN (:ids) AND status IN ('pending', 'confirmed') AND NOT is_deleted %s
                 ORDER BY booking_id
                   FOR UPDATE SKIP LOCKED
            ), cancelled AS (
                UPDATE bookings b SET status = 'cancelled', hold_expiry_time = NULL, cancel_reason = :reason,
                                      updated_at = :now
                  FROM target WHERE b.booking_id = target.booking_id
                RETURNING b.booking_id, b.showtime_id
            ), released AS (
                UPDATE booked_seats s SET status = 'released', hold_expiry_time = NULL, updated_at = :now
                  FROM target
                 WHERE s.booking_id = target.booking_id AND s.status IN ('on_hold', 'booked') AND NOT s.is_deleted
                RETURNING s.showtime_id
            ), failed AS ( -- data-modifying CTEs run to completion whether or not they are read
                UPDATE payments p SET status = 'failed', failure_reason = :failure, updated_at = :now
                  FROM target WHERE p.booking_id = target.booking_id AND p.status = 'pending'
                RETURNING p.payment_id
            ), counted AS (
                UPDATE showtimes t SET seats_booked = t.seats_booked - r.n, updated_at = :now
                  FROM (SELECT showtime_id, count(*) AS n FROM released GROUP BY showtime_id) r
                 WHERE t.showtime_id = r.showtime_id
                RETURNING 1
            )
            SELECT 'booking', booking_id, showtime_id FROM cancelled
            UNION ALL
            SELECT 'payment', payment_id, NULL FROM failed
            """;

    /** The sweep's re-check on the locked row: still pending, due, and no charge of its own in flight. */
    private static final String STILL_DUE = """
            AND status = 'pending' AND hold_expiry_time <= :now
            AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = bookings.booking_id
                               AND p.status = 'processing' AND p.charge_started_at > :chargesFrom)""";

    private final Outbox events;

    BookingRelease(Outbox events) {
        this.events = events;
    }

    /** Releases bookings the caller locked (with their showtimes) and found releasable. */
    Uni<Released> release(Collection<Long> bookingIds, String reason, Instant now) {
        return run(RELEASE.formatted(""), bookingIds, reason, now, null);
    }

    /**
     * Releases those of {@code bookingIds} whose hold is still due at {@code now} once locked, skipping any
     * whose charge started after {@code chargesFrom} (its answer must find the seats held).
     */
    Uni<Released> releaseDue(Collection<Long> bookingIds, Instant now, Instant chargesFrom) {
        return run(RELEASE.formatted(STILL_DUE), bookingIds, EXPIRED, now, chargesFrom);
    }

    private Uni<Released> run(String sql, Collection<Long> bookingIds, String reason, Instant now,
            Instant chargesFrom) {
        if (bookingIds.isEmpty()) {
            return Uni.createFrom().item(new Released(List.of(), new TreeSet<>(), List.of()));
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("ids", bookingIds)
                    .setParameter("reason", reason).setParameter("now", now)
                    .setParameter("failure", reason.equals(EXPIRED) ? "hold expired" : "booking cancelled");
            if (chargesFrom != null) {
                query.setParameter("chargesFrom", chargesFrom);
            }
            return query.getResultList();
        }).map(BookingRelease::released)
                .call(released -> events.bookings(reason.equals(EXPIRED)
                        ? List.of(EventType.BOOKING_EXPIRED, EventType.BOOKING_CANCELLED)
                        : List.of(EventType.BOOKING_CANCELLED), released.bookingIds(), now))
                .call(released -> events.payments(EventType.PAYMENT_FAILED, released.failedPaymentIds(), now));
    }

    private static Released released(List<Object[]> rows) {
        List<Long> bookings = new ArrayList<>();
        SortedSet<Long> showtimes = new TreeSet<>();
        List<Long> payments = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[1]).longValue();
            if ("booking".equals(row[0])) {
                bookings.add(id);
                showtimes.add(((Number) row[2]).longValue());
            } else {
                payments.add(id);
            }
        }
        bookings.sort(null);
        return new Released(bookings, showtimes, payments);
    }
}
