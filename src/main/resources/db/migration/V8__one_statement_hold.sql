-- The hold's fast path runs as ONE autocommit statement (no BEGIN/COMMIT round trips, so the showtime row is
-- locked for the statement and its commit only). When some requested seat is already taken, the statement
-- must write nothing at all: this raises, which rolls the whole statement back (counter, booking, the seats
-- that did go in, the event). SQLSTATE BKH01 tells the service "seats taken", not an error.
CREATE FUNCTION hold_all_or_nothing(held BIGINT, wanted INTEGER) RETURNS BIGINT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF held < wanted THEN
        RAISE EXCEPTION 'hold refused: % of % seats free', held, wanted USING ERRCODE = 'BKH01';
    END IF;
    RETURN held;
END
$$;
