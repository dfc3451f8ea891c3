-- bench/two-instances.sh only, in its scratch database, and only for an older build (BENCH_APP) whose lifecycle
-- does not write its own events: writes them from a trigger in the same transaction as the change, with
-- the payload keys of README "Events" (jsonb_build_object, as set-based SQL in the service will). Used
-- only when a hold turns out to write no event of its own.
CREATE OR REPLACE FUNCTION bench_booking_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event_type TEXT;
    event_id   UUID := gen_random_uuid();
    at         TIMESTAMPTZ := clock_timestamp();
BEGIN
    IF TG_OP = 'INSERT' THEN
        event_type := 'booking.held';
    ELSIF NEW.status = 'confirmed' AND OLD.status <> 'confirmed' THEN
        event_type := 'booking.confirmed';
    ELSIF NEW.status = 'cancelled' AND OLD.status <> 'cancelled' THEN
        event_type := CASE WHEN NEW.cancel_reason = 'expired' THEN 'booking.expired' ELSE 'booking.cancelled' END;
    ELSE
        RETURN NEW;
    END IF;
    INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
    SELECT event_id, event_type, NEW.booking_id, NEW.showtime_id, jsonb_build_object(
               'event_id', event_id, 'type', event_type,
               'occurred_at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'booking_id', NEW.booking_id, 'user_id', NEW.user_id, 'showtime_id', NEW.showtime_id,
               'movie_id', st.movie_id, 'status', NEW.status,
               'seats', COALESCE((SELECT jsonb_agg(jsonb_build_object('row', s.seat_row, 'col', s.seat_col,
                                                                     'row_label', chr(64 + s.seat_row))
                                                   ORDER BY s.seat_row, s.seat_col)
                                    FROM booked_seats s WHERE s.booking_id = NEW.booking_id), '[]'::jsonb),
               'seat_count', NEW.seat_count, 'price_per_seat', NEW.price_per_seat,
               'amount', NEW.price_per_seat * NEW.seat_count, 'currency', 'usd',
               'hold_expiry_time', to_char(NEW.hold_expiry_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'payment_id', NEW.payment_id, 'cancel_reason', NEW.cancel_reason), at
      FROM showtimes st WHERE st.showtime_id = NEW.showtime_id;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS bench_booking_event ON bookings;
CREATE TRIGGER bench_booking_event AFTER INSERT OR UPDATE OF status ON bookings
    FOR EACH ROW EXECUTE FUNCTION bench_booking_event();
