-- The service's hold (booking/HoldRepository.HOLD: one autocommit statement that also writes the booking.held
-- event to the outbox; the path every uncontested hold takes),
-- for pgbench: the ceiling the service can approach on the same machine. It keeps the booking's id in
-- variable b for checkout_tail.sql, which run.sh appends for the checkout's ceiling. Pair k of the sequence is
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
WITH showtime AS (
    UPDATE showtimes SET seats_booked = seats_booked + 2, updated_at = now()
     WHERE showtime_id = :st AND NOT is_deleted AND (start_time IS NULL OR start_time > now())
       AND num_rows >= :maxrow AND num_cols >= :maxcol
    RETURNING price, movie_id, LEAST(now() + interval '10 minutes', COALESCE(start_time, now() + interval '10 minutes')) AS expiry
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
), event AS (
    INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
    SELECT e.id, 'booking.held', booking.booking_id, :st, jsonb_build_object(
               'event_id', e.id, 'type', 'booking.held', 'occurred_at', event_time(now()),
               'booking_id', booking.booking_id, 'user_id', :k::bigint, 'showtime_id', :st::bigint,
               'movie_id', showtime.movie_id, 'status', 'pending',
               'seats', (SELECT jsonb_agg(jsonb_build_object('row', s.r, 'col', s.c, 'row_label', row_label(s.r))
                                          ORDER BY s.r, s.c)
                           FROM unnest(ARRAY[:r1, :r2]::smallint[], ARRAY[:c1, :c2]::smallint[]) AS s (r, c)),
               'seat_count', 2, 'price_per_seat', booking.price_per_seat,
               'amount', booking.price_per_seat * 2, 'currency', 'usd',
               'hold_expiry_time', event_time(booking.hold_expiry_time), 'payment_id', NULL::bigint,
               'cancel_reason', NULL::text), now()
      FROM booking, showtime, (SELECT gen_random_uuid() AS id) e
)
SELECT booking_id AS b, hold_expiry_time, price_per_seat, hold_all_or_nothing((SELECT count(*) FROM seats), 2)
  FROM booking \gset
