-- The first hold transaction (Hibernate entities: lock, read, insert, insert, update), statement for statement,
-- kept to reproduce the before numbers in bench/README.md (BENCH_PGBENCH_SCRIPT=hold_txn_entity.sql).
-- Pair k of the sequence is unique, so, like the service benchmark, no request ever conflicts.
SELECT nextval('bench_k') AS k \gset
\set st :st_base + (:k % :st_count)
\set first (:k / :st_count) * 2
\set r1 :first / :cols + 1
\set c1 :first % :cols + 1
\set r2 (:first + 1) / :cols + 1
\set c2 (:first + 1) % :cols + 1
\set bid 500000000000 + :k
\set sid1 :bid * 2
\set sid2 :bid * 2 + 1
BEGIN;
SELECT showtime_id, created_at, is_deleted, movie_id, num_cols, num_rows, price, refreshed_at, screen_id,
       seats_booked, start_time, updated_at
  FROM showtimes WHERE showtime_id = :st AND is_deleted = false FOR NO KEY UPDATE;
SELECT booked_seat_id, booking_id, created_at, is_deleted, hold_expiry_time, row_as_letter, seat_col, seat_row,
       showtime_id, status, updated_at
  FROM booked_seats WHERE is_deleted = false AND showtime_id = :st AND status IN ('on_hold', 'booked')
   AND seat_row IN (:r1, :r2) AND seat_col IN (:c1, :c2);
INSERT INTO bookings (booking_time, cancel_reason, created_at, is_deleted, hold_expiry_time, payment_id,
                      price_per_seat, seat_count, showtime_id, status, updated_at, user_id, booking_id)
  VALUES (now(), NULL, now(), false, now() + interval '10 minutes', NULL, 12.50, 2, :st, 'pending', now(), :k, :bid);
INSERT INTO booked_seats (booking_id, created_at, is_deleted, hold_expiry_time, row_as_letter, seat_col, seat_row,
                          showtime_id, status, updated_at, booked_seat_id)
  VALUES (:bid, now(), false, now() + interval '10 minutes', false, :c1, :r1, :st, 'on_hold', now(), :sid1);
INSERT INTO booked_seats (booking_id, created_at, is_deleted, hold_expiry_time, row_as_letter, seat_col, seat_row,
                          showtime_id, status, updated_at, booked_seat_id)
  VALUES (:bid, now(), false, now() + interval '10 minutes', false, :c2, :r2, :st, 'on_hold', now(), :sid2);
UPDATE showtimes SET is_deleted = false, movie_id = movie_id, num_cols = num_cols, num_rows = num_rows, price = price,
                     refreshed_at = refreshed_at, screen_id = screen_id, seats_booked = seats_booked + 2,
                     start_time = start_time, updated_at = now()
  WHERE showtime_id = :st;
END;
