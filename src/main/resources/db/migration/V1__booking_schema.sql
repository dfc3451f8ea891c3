-- The booking service's schema. Flyway owns it; Hibernate only validates.
-- Seats are identified by (showtime_id, seat_row, seat_col) with seat_row as a row number (A = 1).

CREATE TABLE showtimes (
    showtime_id   BIGINT        PRIMARY KEY CHECK (showtime_id > 0),
    movie_id      BIGINT,
    screen_id     BIGINT,
    start_time    TIMESTAMPTZ,
    price         NUMERIC(10,2) NOT NULL CHECK (price > 0),
    num_rows      SMALLINT      NOT NULL CHECK (num_rows BETWEEN 1 AND 100),
    num_cols      SMALLINT      NOT NULL CHECK (num_cols BETWEEN 1 AND 100),
    seats_booked  INTEGER       NOT NULL DEFAULT 0 CHECK (seats_booked >= 0),
    -- when the copy was last fetched from the Theatre Service; NULL for locally managed showtimes
    refreshed_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    is_deleted    BOOLEAN       NOT NULL DEFAULT FALSE
);

-- Ids are drawn in blocks by Hibernate's pooled optimizer (allocation size 50) so inserts batch.
CREATE SEQUENCE payments_seq INCREMENT BY 50;
CREATE SEQUENCE bookings_seq INCREMENT BY 50;
CREATE SEQUENCE booked_seats_seq INCREMENT BY 50;

CREATE TABLE payments (
    payment_id         BIGINT        PRIMARY KEY,
    amount             NUMERIC(10,2) NOT NULL CHECK (amount > 0 AND amount <= 100000),
    status             VARCHAR(16)   NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'refunded')),
    created_by         VARCHAR(255),
    booking_id         BIGINT,
    gateway_reference  VARCHAR(64),
    failure_reason     VARCHAR(255),
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    is_deleted         BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE TABLE bookings (
    booking_id        BIGINT        PRIMARY KEY,
    user_id           BIGINT        NOT NULL CHECK (user_id > 0),
    showtime_id       BIGINT        NOT NULL REFERENCES showtimes (showtime_id),
    -- a payment pays for at most one booking
    payment_id        BIGINT        UNIQUE REFERENCES payments (payment_id),
    booking_time      TIMESTAMPTZ   NOT NULL,
    status            VARCHAR(16)   NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),
    hold_expiry_time  TIMESTAMPTZ,
    price_per_seat    NUMERIC(10,2) NOT NULL,
    seat_count        SMALLINT      NOT NULL CHECK (seat_count > 0),
    cancel_reason     VARCHAR(16),
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    is_deleted        BOOLEAN       NOT NULL DEFAULT FALSE,
    CHECK (status <> 'pending' OR hold_expiry_time IS NOT NULL),
    CHECK (status <> 'confirmed' OR payment_id IS NOT NULL)
);

ALTER TABLE payments ADD CONSTRAINT payments_booking_fk FOREIGN KEY (booking_id) REFERENCES bookings (booking_id);

CREATE INDEX bookings_user_idx ON bookings (user_id, booking_time DESC, booking_id DESC);
-- what the expiry job scans: only pending bookings, by due time
CREATE INDEX bookings_pending_expiry_idx ON bookings (hold_expiry_time) WHERE status = 'pending';
CREATE INDEX payments_booking_idx ON payments (booking_id);

CREATE TABLE booked_seats (
    booked_seat_id    BIGINT       PRIMARY KEY,
    booking_id        BIGINT       NOT NULL REFERENCES bookings (booking_id),
    showtime_id       BIGINT       NOT NULL REFERENCES showtimes (showtime_id),
    seat_row          SMALLINT     NOT NULL CHECK (seat_row >= 1),
    seat_col          SMALLINT     NOT NULL CHECK (seat_col >= 1),
    -- the notation the client used for the row ("A" vs 1), echoed back in responses
    row_as_letter     BOOLEAN      NOT NULL,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('on_hold', 'booked', 'released')),
    hold_expiry_time  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    is_deleted        BOOLEAN      NOT NULL DEFAULT FALSE
);

-- The backstop: a seat can be active (held or booked) in at most one booking, even if code is wrong.
CREATE UNIQUE INDEX booked_seats_active_uq ON booked_seats (showtime_id, seat_row, seat_col)
    WHERE status IN ('on_hold', 'booked') AND NOT is_deleted;
CREATE INDEX booked_seats_booking_idx ON booked_seats (booking_id);
