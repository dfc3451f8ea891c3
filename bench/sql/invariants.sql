-- The invariants every scenario must leave intact. Each query returns the number of violations.
\set ON_ERROR_STOP on
SELECT 'seats held by two active bookings' AS invariant, count(*) AS violations FROM (
    SELECT showtime_id, seat_row, seat_col FROM booked_seats
    WHERE status IN ('on_hold', 'booked') AND NOT is_deleted
    GROUP BY 1, 2, 3 HAVING count(*) > 1) twice
UNION ALL
SELECT 'showtimes whose seats_booked differs from their active seats', count(*) FROM showtimes s
    WHERE s.seats_booked <> (SELECT count(*) FROM booked_seats b
        WHERE b.showtime_id = s.showtime_id AND b.status IN ('on_hold', 'booked') AND NOT b.is_deleted)
UNION ALL
SELECT 'live bookings without all their seats active', count(*) FROM bookings b
    WHERE b.status IN ('pending', 'confirmed') AND b.seat_count <> (SELECT count(*) FROM booked_seats s
        WHERE s.booking_id = b.booking_id AND s.status IN ('on_hold', 'booked'))
UNION ALL
SELECT 'confirmed bookings without a completed payment', count(*) FROM bookings b
    LEFT JOIN payments p ON p.payment_id = b.payment_id
    WHERE b.status = 'confirmed' AND p.status IS DISTINCT FROM 'completed'
UNION ALL
SELECT '2xx holds (created ids) not live with all seats', count(*) FROM bench_created c
    LEFT JOIN bookings b ON b.booking_id = c.booking_id
    WHERE b.booking_id IS NULL OR b.status = 'cancelled' OR b.seat_count <> (SELECT count(*) FROM booked_seats s
        WHERE s.booking_id = b.booking_id AND s.status IN ('on_hold', 'booked'));
