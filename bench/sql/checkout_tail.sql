-- The checkout after its hold, for pgbench: run.sh runs hold_txn.sql followed by this file (one pgbench
-- transaction = one flow: hold + POST /api/bookings/{id}/complete with the simulated provider), the ceiling the
-- checkout scenario is compared with. The statements are those the service sends (captured from PostgreSQL's
-- log with log_statement=all): T1 locks the booking, looks for a charge in flight, reads the showtime and
-- records the payment as processing; the provider answers instantly (not here); T2 locks booking then payment,
-- confirms, books the seats and writes payment.completed and booking.confirmed to the outbox. Entity columns
-- are abbreviated to the ones that matter; the row work is the same. :b, :k and :st come from hold_txn.sql.
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
