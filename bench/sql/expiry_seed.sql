-- 5,000 pending one-seat holds over 10 showtimes (base .. base+9) of 20x30, as the hold would write them.
INSERT INTO bookings (booking_id, user_id, showtime_id, booking_time, status, hold_expiry_time, price_per_seat, seat_count)
SELECT 900000000000 + :base * 10 + g, g + 1, :base + g % 10, now(), 'pending', now() + interval '10 minutes', 12.50, 1
FROM generate_series(0, 4999) AS g;
INSERT INTO booked_seats (booked_seat_id, booking_id, showtime_id, seat_row, seat_col, row_as_letter, status, hold_expiry_time)
SELECT 900000000000 + :base * 10 + g, 900000000000 + :base * 10 + g, :base + g % 10, (g / 10) / 30 + 1, (g / 10) % 30 + 1,
       false, 'on_hold', now() + interval '10 minutes'
FROM generate_series(0, 4999) AS g;
UPDATE showtimes SET seats_booked = 500 WHERE showtime_id BETWEEN :base AND :base + 9;
