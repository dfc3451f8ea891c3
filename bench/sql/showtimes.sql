-- :base, :count, :rows, :cols -> showtimes base .. base+count-1, starting tomorrow, 12.50 a seat
INSERT INTO showtimes (showtime_id, movie_id, screen_id, start_time, price, num_rows, num_cols)
SELECT g, 1, 1, now() + interval '1 day', 12.50, :rows, :cols
FROM generate_series(:base, :base + :count - 1) AS g
ON CONFLICT (showtime_id) DO NOTHING;
