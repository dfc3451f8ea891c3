-- Round 2: the money path against a remote provider (no network call under a lock), provider webhooks,
-- and the transactional outbox of booking events.

-- A payment's life with a remote provider:
--   pending -> processing (T1: intent recorded, committed) -> completed | failed   (T2, or the reconciler)
--   completed -> refunding (T1 of a refund) -> refunded
-- 'processing' and 'refunding' are the only states whose outcome the provider may still change.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'refunding', 'refunded'));

ALTER TABLE payments
    -- who was asked to move the money (simulated | stripe) and in which currency
    ADD COLUMN provider            VARCHAR(16),
    ADD COLUMN currency            VARCHAR(3),
    -- the provider's Idempotency-Key of the charge, stored before the call: a repeated call never charges twice
    ADD COLUMN charge_key          VARCHAR(64),
    ADD COLUMN charge_started_at   TIMESTAMPTZ,
    ADD COLUMN refund_key          VARCHAR(64),
    ADD COLUMN refund_started_at   TIMESTAMPTZ,
    ADD COLUMN refund_reference    VARCHAR(64),
    -- the reconciler's lease: an unsettled payment is not looked at again before this
    ADD COLUMN next_check_at       TIMESTAMPTZ,
    ADD COLUMN check_attempts      INTEGER NOT NULL DEFAULT 0,
    -- the Idempotency-Key row whose stored answer is written when this payment settles (no FK: keys expire)
    ADD COLUMN idempotency_key_id  BIGINT;

-- at most one charge in flight per booking: parallel checkouts of one booking cannot both reach the provider
CREATE UNIQUE INDEX payments_charge_in_flight_uq ON payments (booking_id) WHERE status = 'processing';
CREATE UNIQUE INDEX payments_charge_key_uq ON payments (charge_key);
-- what the reconciler scans
CREATE INDEX payments_unsettled_idx ON payments (next_check_at) WHERE status IN ('processing', 'refunding');
-- webhooks name the provider's object
CREATE INDEX payments_gateway_reference_idx ON payments (gateway_reference);

-- Provider webhook events already applied: a redelivered event changes nothing.
CREATE TABLE provider_events (
    provider     VARCHAR(16)   NOT NULL,
    event_id     VARCHAR(255)  NOT NULL,
    event_type   VARCHAR(64)   NOT NULL,
    payment_id   BIGINT,
    received_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- The transactional outbox: every state change writes its event here in the change's own transaction; the
-- relay publishes rows afterwards (at least once, in order per booking) and prunes them after a retention.
CREATE TABLE outbox_events (
    event_id      UUID          PRIMARY KEY,
    -- insertion order; per booking it is commit order, because a booking's events are written under its lock
    seq           BIGINT        GENERATED ALWAYS AS IDENTITY UNIQUE,
    event_type    VARCHAR(64)   NOT NULL,
    booking_id    BIGINT,
    showtime_id   BIGINT,
    payload       JSONB         NOT NULL,
    occurred_at   TIMESTAMPTZ   NOT NULL,
    published_at  TIMESTAMPTZ,
    -- a relay that claimed the row publishes it before this; after it, another relay may take it over
    lease_until   TIMESTAMPTZ,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    last_error    VARCHAR(500)
);
CREATE INDEX outbox_unpublished_idx ON outbox_events (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_booking_idx ON outbox_events (booking_id, seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL;
