-- bench/two-instances.sh: a backlog of :events synthetic events in one transaction (:bookings bookings, in
-- order per booking), for the relays' sustained publishing rate. Payloads follow README "Events".
INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
SELECT id, type, booking, 900000000 + booking % 50, jsonb_build_object(
           'event_id', id, 'type', type, 'occurred_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'booking_id', booking, 'user_id', booking % 997 + 1, 'showtime_id', 900000000 + booking % 50,
           'movie_id', NULL, 'status', 'pending',
           'seats', jsonb_build_array(jsonb_build_object('row', 1, 'col', 1, 'row_label', 'A')),
           'seat_count', 1, 'price_per_seat', 12.50, 'amount', 12.50, 'currency', 'usd',
           'hold_expiry_time', NULL, 'payment_id', NULL, 'cancel_reason', NULL), now()
  FROM (SELECT gen_random_uuid() AS id, 'booking.held' AS type, 800000000 + n % :bookings AS booking, n
          FROM generate_series(1, :events) AS n ORDER BY n) e;
