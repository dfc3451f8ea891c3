-- The outbox relay's ownership of a lease (README: Events). V5 is the live seat map's.

-- Which relay instance holds lease_until: that instance may retry its own claimed events at once (its
-- broker channel keeps them in order); any other waits until the lease runs out.
ALTER TABLE outbox_events ADD COLUMN lease_owner VARCHAR(64);
