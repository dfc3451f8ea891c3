-- The hold's fast path inserts bookings and seats in one SQL statement, so their ids come from column
-- defaults instead of Hibernate's pooled allocation. New sequences start above every id handed out so far.
CREATE SEQUENCE booking_ids;
CREATE SEQUENCE booked_seat_ids;
SELECT setval('booking_ids', GREATEST((SELECT max(booking_id) FROM bookings), (SELECT last_value FROM bookings_seq), 0) + 1000, false);
SELECT setval('booked_seat_ids', GREATEST((SELECT max(booked_seat_id) FROM booked_seats), (SELECT last_value FROM booked_seats_seq), 0) + 1000, false);
ALTER TABLE bookings ALTER COLUMN booking_id SET DEFAULT nextval('booking_ids');
ALTER TABLE booked_seats ALTER COLUMN booked_seat_id SET DEFAULT nextval('booked_seat_ids');
ALTER SEQUENCE booking_ids OWNED BY bookings.booking_id;
ALTER SEQUENCE booked_seat_ids OWNED BY booked_seats.booked_seat_id;
DROP SEQUENCE bookings_seq;
DROP SEQUENCE booked_seats_seq;
