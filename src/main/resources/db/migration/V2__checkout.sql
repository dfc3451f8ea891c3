-- Checkout: idempotent retries of POSTs, and the auto-confirm job's scan.

-- One row per (endpoint, Idempotency-Key): the first request claims it (in_flight), its answer is kept
-- (done) so a retry with the same body replays it without doing the work again. Rows live 24 h.
CREATE TABLE idempotency_keys (
    idempotency_key_id     BIGSERIAL     PRIMARY KEY,
    scope                  VARCHAR(64)   NOT NULL,
    idempotency_key        VARCHAR(255)  NOT NULL,
    -- SHA-256 (hex) of method, path and canonical body: the same key with another request is refused
    fingerprint            VARCHAR(64)   NOT NULL CHECK (length(fingerprint) = 64),
    state                  VARCHAR(16)   NOT NULL CHECK (state IN ('in_flight', 'done')),
    response_status        SMALLINT,
    response_content_type  VARCHAR(100),
    response_location      VARCHAR(255),
    response_body          TEXT,
    created_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at             TIMESTAMPTZ   NOT NULL,
    CHECK (state <> 'done' OR (response_status IS NOT NULL AND response_body IS NOT NULL)),
    UNIQUE (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- what the auto-confirm job scans: pending bookings by age
CREATE INDEX bookings_pending_time_idx ON bookings (booking_time) WHERE status = 'pending';
