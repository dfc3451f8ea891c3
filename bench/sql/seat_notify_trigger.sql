-- Option (a) of the live seat map's change feed, measured by bench/notify-cost.sh: statement-level
-- triggers that NOTIFY the changed showtime ids on every write to booked_seats, whoever makes it.
CREATE OR REPLACE FUNCTION bench_notify_seat_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids text;
BEGIN
    SELECT string_agg(DISTINCT showtime_id::text, ',') INTO ids FROM changed;
    IF ids IS NOT NULL THEN
        PERFORM pg_notify('seat_changes_' || TG_TABLE_SCHEMA, ids);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bench_seats_inserted ON booked_seats;
DROP TRIGGER IF EXISTS bench_seats_updated ON booked_seats;
CREATE TRIGGER bench_seats_inserted AFTER INSERT ON booked_seats REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION bench_notify_seat_changes();
CREATE TRIGGER bench_seats_updated AFTER UPDATE ON booked_seats REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION bench_notify_seat_changes();
