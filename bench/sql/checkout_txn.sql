-- The checkout's SQL (hold, then POST /api/bookings/{id}/complete with the simulated provider), for pgbench:
-- the ceiling bench/run.sh's checkout scenario is compared with (one pgbench transaction = one flow). The
-- statements are those the service sends (captured from PostgreSQL's log with log_statement=all): the hold as
-- in hold_txn.sql; T1 locks the booking, looks for a charge in flight, reads the showtime and records the
-- payment as processing; the provider answers instantly (not here); T2 locks booking then payment, confirms,
-- books the seats and writes payment.completed and booking.confirmed to the outbox. Entity columns are
-- abbreviated to the ones that matter; the row work is the same.
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
SELECT booking_id AS b, hold_all_or_nothing((SELECT count(*) FROM seats), 2)
  FROM booking \gset
BEGIN;
SELECT booking_id, status, hold_expiry_time, price_per_seat, seat_count, showtime_id, payment_id
  FROM bookings WHERE booking_id = :b AND NOT is_deleted FOR NO KEY UPDATE;
SELECT payment_id FROM payments WHERE booking_id = :b AND status = 'processing' AND NOT is_deleted
 OFFSET 0 ROWS FETCH FIRST 1 ROWS ONLY;
SELECT showtime_id, start_time, price, num_rows, num_cols FROM showtimes WHERE showtime_id = :st AND NOT is_deleted;
INSERT INTO payments (payment_id, amount, booking_id, charge_key, charge_started_at, check_attempts, checkout,
                      created_at, created_by, currency, is_deleted, next_check_at, provider, status, updated_at)
VALUES (nextval('payments_seq'), 25.00, :b, 'charge-' || gen_random_uuid(), now(), 0, true, now(), 'user:' || :k,
        'usd', false, now() + interval '1 minute', 'simulated', 'processing', now())
RETURNING payment_id AS p \gset
COMMIT;
BEGIN;
SELECT booking_id FROM payments WHERE NOT is_deleted AND payment_id = :p OFFSET 0 ROWS FETCH FIRST 1 ROWS ONLY;
SELECT booking_id, status FROM bookings WHERE booking_id = :b AND NOT is_deleted FOR NO KEY UPDATE;
SELECT payment_id, status FROM payments WHERE payment_id = :p AND NOT is_deleted FOR NO KEY UPDATE;
UPDATE bookings SET status = 'confirmed', payment_id = :p, hold_expiry_time = NULL, updated_at = now()
 WHERE booking_id = :b;
UPDATE payments SET status = 'completed', gateway_reference = 'sim_' || :p, next_check_at = NULL, updated_at = now()
 WHERE payment_id = :p;
INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
SELECT e.id, 'payment.completed', e.booking_id, b.showtime_id,
       payment_event_payload(e.id, 'payment.completed', e.payment_id, now(), 'usd'), now()
  FROM (SELECT gen_random_uuid() AS id, p.payment_id, p.booking_id FROM payments p WHERE p.payment_id IN (:p)) e
  LEFT JOIN bookings b ON b.booking_id = e.booking_id
 ORDER BY e.payment_id;
UPDATE booked_seats SET status = 'booked', hold_expiry_time = NULL, updated_at = now()
 WHERE booking_id = :b AND status = 'on_hold' AND NOT is_deleted;
INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
SELECT e.id, e.type, e.booking_id, e.showtime_id, booking_event_payload(e.id, e.type, e.booking_id, now(), 'usd'), now()
  FROM (SELECT gen_random_uuid() AS id, t.ord, t.type, b.booking_id, b.showtime_id
          FROM bookings b CROSS JOIN (VALUES (1, 'booking.confirmed')) AS t (ord, type)
         WHERE b.booking_id IN (:b)) e
 ORDER BY e.booking_id, e.ord;
SELECT booked_seat_id, seat_row, seat_col, status FROM booked_seats
 WHERE NOT is_deleted AND booking_id = :b ORDER BY seat_row, seat_col;
COMMIT;
