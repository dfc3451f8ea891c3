-- Booking and payment events, built from the rows themselves inside the transaction that changed them, so an
-- event always describes what was committed (and a rolled-back change leaves no event). The JSON keys are
-- the events' contract (README, "Events"); the hold's fast path builds the same document inline
-- (booking/HoldRepository.HOLD) because a statement cannot read rows it inserts itself.

-- checkout payments (made by /complete and the auto-confirm job) confirm their booking when they settle;
-- payments made with POST /api/payments/ only pay, and /confirm uses them
ALTER TABLE payments ADD COLUMN checkout BOOLEAN NOT NULL DEFAULT FALSE;

-- 1 = A, 26 = Z, 27 = AA: how cinemas label rows (screens have at most 100 rows, so two letters suffice)
CREATE FUNCTION row_label(n INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN n <= 26 THEN chr(64 + n) ELSE chr(64 + (n - 1) / 26) || chr(65 + (n - 1) % 26) END
$$;

CREATE FUNCTION event_time(t TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION booking_event_payload(p_event_id UUID, p_type TEXT, p_booking_id BIGINT, p_at TIMESTAMPTZ,
                                      p_currency TEXT) RETURNS JSONB LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
               'event_id', p_event_id, 'type', p_type, 'occurred_at', event_time(p_at),
               'booking_id', b.booking_id, 'user_id', b.user_id, 'showtime_id', b.showtime_id,
               'movie_id', s.movie_id, 'status', b.status,
               'seats', COALESCE((SELECT jsonb_agg(jsonb_build_object('row', bs.seat_row, 'col', bs.seat_col,
                                                                      'row_label', row_label(bs.seat_row))
                                                   ORDER BY bs.seat_row, bs.seat_col)
                                    FROM booked_seats bs WHERE bs.booking_id = b.booking_id AND NOT bs.is_deleted),
                                 '[]'::jsonb),
               'seat_count', b.seat_count, 'price_per_seat', b.price_per_seat,
               'amount', b.price_per_seat * b.seat_count, 'currency', p_currency,
               'hold_expiry_time', event_time(b.hold_expiry_time), 'payment_id', b.payment_id,
               'cancel_reason', b.cancel_reason)
      FROM bookings b JOIN showtimes s ON s.showtime_id = b.showtime_id
     WHERE b.booking_id = p_booking_id
$$;

CREATE FUNCTION payment_event_payload(p_event_id UUID, p_type TEXT, p_payment_id BIGINT, p_at TIMESTAMPTZ,
                                      p_currency TEXT) RETURNS JSONB LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
               'event_id', p_event_id, 'type', p_type, 'occurred_at', event_time(p_at),
               'payment_id', p.payment_id, 'booking_id', p.booking_id, 'user_id', b.user_id,
               'showtime_id', b.showtime_id, 'amount', p.amount, 'currency', COALESCE(p.currency, p_currency),
               'status', p.status, 'provider', p.provider, 'provider_reference', p.gateway_reference,
               'failure_reason', p.failure_reason)
      FROM payments p LEFT JOIN bookings b ON b.booking_id = p.booking_id
     WHERE p.payment_id = p_payment_id
$$;
