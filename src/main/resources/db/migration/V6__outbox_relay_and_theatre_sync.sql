-- The outbox relay's ownership of a lease, and the Theatre Service seat-counter sync (README: Events,
-- Theatre seat counter). V5 is the live seat map's.

-- Which relay instance holds lease_until: that instance may retry its own claimed events at once (its
-- broker channel keeps them in order); any other waits until the lease runs out.
ALTER TABLE outbox_events ADD COLUMN lease_owner VARCHAR(64);

-- When the Theatre Service's seat counter of the event's showtime was last reconciled with this event
-- included; NULL while that is still to do (or the event has no showtime).
ALTER TABLE outbox_events ADD COLUMN theatre_synced_at TIMESTAMPTZ;
CREATE INDEX outbox_theatre_pending_idx ON outbox_events (showtime_id)
    WHERE showtime_id IS NOT NULL AND theatre_synced_at IS NULL;

-- One row per showtime whose Theatre counter we reconcile: who reconciles it now (one instance at a time),
-- when it may be tried again after a failure, and what we last know the Theatre Service holds.
CREATE TABLE theatre_seat_sync (
    showtime_id       BIGINT        PRIMARY KEY,
    lease_owner       VARCHAR(64),
    lease_until       TIMESTAMPTZ,
    next_attempt_at   TIMESTAMPTZ,
    attempts          INTEGER       NOT NULL DEFAULT 0,
    theatre_count     INTEGER,
    synced_at         TIMESTAMPTZ,
    last_error        VARCHAR(500)
);
