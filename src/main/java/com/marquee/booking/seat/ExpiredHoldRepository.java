package com.marquee.booking.seat;

import java.time.Instant;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Releases a batch of expired holds in one set-based statement, inside the sweep's transaction (which
 * already holds the showtime locks). Bookings are locked {@code FOR UPDATE SKIP LOCKED} and re-checked:
 * a booking another transaction holds (a checkout, another instance's sweep) is that transaction's to
 * decide. Counters fall by exactly the seats released.
 */
@ApplicationScoped
public class ExpiredHoldRepository {

    static final String EXPIRE = """
            WITH due AS (
                SELECT booking_id FROM bookings
                 WHERE booking_id IN (:ids) AND status = 'pending' AND hold_expiry_time <= :now AND NOT is_deleted
                 ORDER BY booking_id
                   FOR UPDATE SKIP LOCKED
            ), cancelled AS (
                UPDATE bookings b SET status = 'cancelled', hold_expiry_time = NULL, cancel_reason = 'expired',
                                      updated_at = :now
                  FROM due WHERE b.booking_id = due.booking_id
                RETURNING b.booking_id
            ), released AS (
                UPDATE booked_seats s SET status = 'released', hold_expiry_time = NULL, updated_at = :now
                  FROM due WHERE s.booking_id = due.booking_id AND s.status = 'on_hold'
                RETURNING s.showtime_id
            ), failed AS ( -- data-modifying CTEs run to completion whether or not they are read
                UPDATE payments p SET status = 'failed', failure_reason = 'hold expired', updated_at = :now
                  FROM due WHERE p.booking_id = due.booking_id AND p.status = 'pending'
                RETURNING 1
            ), counted AS (
                UPDATE showtimes t SET seats_booked = t.seats_booked - r.n, updated_at = :now
                  FROM (SELECT showtime_id, count(*) AS n FROM released GROUP BY showtime_id) r
                 WHERE t.showtime_id = r.showtime_id
                RETURNING 1
            )
            SELECT count(*) FROM cancelled
            """;

    /** Releases those of {@code bookingIds} still pending and due; returns how many bookings it released. */
    public Uni<Integer> expire(Collection<Long> bookingIds, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(EXPIRE, Long.class)
                .setParameter("ids", bookingIds).setParameter("now", now).getSingleResult())
                .map(Long::intValue);
    }
}
