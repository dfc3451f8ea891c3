-- The service's hold transaction (seat/FastHoldRepository.HOLD, the path every uncontested hold takes),
-- for pgbench: the ceiling the service can approach on the same machine. Pair k of the sequence is
-- unique, so, like the service benchmark, no transaction ever conflicts.
SELECT nextval('bench_k') AS k \gset
\set st :st_base + (:k % :st_count)
\set first (:k / :st_count) * 2
\set r1 :first / :cols + 1
\set c1 :first % :cols + 1
\set r2 (:first + 1) / :cols + 1
\set c2 (:first + 1) % :cols + 1
\set maxrow :r2
\set maxcol 30
BEGIN;
WITH showtime AS (
    UPDATE showtimes SET seats_booked = seats_booked + 2, updated_at = now()
     WHERE showtime_id = :st AND NOT is_deleted AND (start_time IS NULL OR start_time > now())
       AND num_rows >= :maxrow AND num_cols >= :maxcol
    RETURNING price, LEAST(now() + interval '10 minutes', COALESCE(start_time, now() + interval '10 minutes')) AS expiry
), booking AS (
    INSERT INTO bookings (user_id, showtime_id, booking_time, status, hold_expiry_time, price_per_seat,
                          seat_count, created_at, updated_at)
    SELECT :k, :st, now(), 'pending', expiry, price, 2, now(), now() FROM showtime
    RETURNING booking_id, hold_expiry_time, price_per_seat
), seats AS (
    INSERT INTO booked_seats (booking_id, showtime_id, seat_row, seat_col, row_as_letter, status,
                              hold_expiry_time, created_at, updated_at)
    SELECT booking.booking_id, :st, seat.r, seat.c, seat.l, 'on_hold', booking.hold_expiry_time, now(), now()
      FROM booking, unnest(ARRAY[:r1, :r2]::smallint[], ARRAY[:c1, :c2]::smallint[], ARRAY[false, false]) AS seat (r, c, l)
    ON CONFLICT (showtime_id, seat_row, seat_col) WHERE status IN ('on_hold', 'booked') AND NOT is_deleted
    DO NOTHING
    RETURNING 1
)
SELECT booking_id, hold_expiry_time, price_per_seat, (SELECT count(*) FROM seats) FROM booking;
END;
