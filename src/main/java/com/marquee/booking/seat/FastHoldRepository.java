package com.marquee.booking.seat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hold's fast path: the whole hold in one statement when nothing stands in its way, which is almost
 * always. It raises the showtime's counter first (taking the showtime row lock every seat writer takes,
 * before anything else), inserts the booking, and inserts the seats with {@code ON CONFLICT DO NOTHING}
 * on the active-seat unique index: that index, not a read, detects seats taken by others. If the
 * showtime is unknown, started or too small for a seat, or any seat is taken (even by an expired hold),
 * fewer seats come back than were asked for and the transaction rolls back; the caller then takes the
 * careful path, which explains the refusal or expires the stale hold. Raw SQL on the reactive pool, not
 * Hibernate: measured in bench/README.md, it is the hot path of a flash sale.
 */
@ApplicationScoped
public class FastHoldRepository {

    /** A hold the fast path made. */
    public record FastHold(long bookingId, Instant expiry, BigDecimal pricePerSeat) {
    }

    static final String HOLD = """
            WITH showtime AS (
                UPDATE showtimes SET seats_booked = seats_booked + $1, updated_at = $2
                 WHERE showtime_id = $3 AND NOT is_deleted AND (start_time IS NULL OR start_time > $2)
                   AND num_rows >= $4 AND num_cols >= $5
                RETURNING price, LEAST($6::timestamptz, COALESCE(start_time, $6::timestamptz)) AS expiry
            ), booking AS (
                INSERT INTO bookings (user_id, showtime_id, booking_time, status, hold_expiry_time, price_per_seat,
                                      seat_count, created_at, updated_at)
                SELECT $7, $3, $2, 'pending', expiry, price, $1, $2, $2 FROM showtime
                RETURNING booking_id, hold_expiry_time, price_per_seat
            ), seats AS (
                INSERT INTO booked_seats (booking_id, showtime_id, seat_row, seat_col, row_as_letter, status,
                                          hold_expiry_time, created_at, updated_at)
                SELECT booking.booking_id, $3, seat.r, seat.c, seat.l, 'on_hold', booking.hold_expiry_time, $2, $2
                  FROM booking, unnest($8::smallint[], $9::smallint[], $10::boolean[]) AS seat (r, c, l)
                ON CONFLICT (showtime_id, seat_row, seat_col) WHERE status IN ('on_hold', 'booked') AND NOT is_deleted
                DO NOTHING
                RETURNING 1
            )
            SELECT booking_id, hold_expiry_time, price_per_seat, (SELECT count(*) FROM seats) FROM booking
            """;

    private final Pool pool;

    public FastHoldRepository(Pool pool) {
        this.pool = pool;
    }

    /** The new hold, or null when the careful path must decide (nothing was written then). */
    public Uni<FastHold> tryHold(HoldCommand command, Instant now, Instant expiry) {
        List<Seat> seats = command.seats();
        Short[] rows = new Short[seats.size()];
        Short[] cols = new Short[seats.size()];
        Boolean[] letters = new Boolean[seats.size()];
        int maxRow = 0;
        int maxCol = 0;
        for (int i = 0; i < seats.size(); i++) {
            Seat seat = seats.get(i);
            rows[i] = (short) seat.row();
            cols[i] = (short) seat.col();
            letters[i] = seat.letter();
            maxRow = Math.max(maxRow, seat.row());
            maxCol = Math.max(maxCol, seat.col());
        }
        Tuple params = Tuple.tuple(List.of(seats.size(), utc(now), command.showtimeId(), maxRow, maxCol, utc(expiry),
                command.userId(), rows, cols, letters));
        return pool.withTransaction(connection -> connection.preparedQuery(HOLD).execute(params)
                .map(result -> held(result, seats.size())))
                .onFailure(Miss.class).recoverWithNull();
    }

    private static FastHold held(RowSet<Row> result, int wanted) {
        if (result.size() != 1) {
            throw Miss.INSTANCE;
        }
        Row row = result.iterator().next();
        if (row.getLong(3) != wanted) {
            throw Miss.INSTANCE; // a seat was taken: roll back the booking, the other seats and the counter
        }
        return new FastHold(row.getLong(0), row.getOffsetDateTime(1).toInstant(), row.getBigDecimal(2));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Rolls the fast path back; never leaves this class. */
    private static final class Miss extends RuntimeException {
        static final Miss INSTANCE = new Miss();

        private Miss() {
            super("fast hold path missed", null, false, false);
        }
    }
}
