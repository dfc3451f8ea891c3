package com.marquee.booking.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.seat.Seat;
import com.marquee.booking.seat.SeatsUnavailable;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hold's fast path: the whole hold in one autocommit statement when nothing stands in its way, which is
 * almost always. It raises the showtime's counter first (taking the showtime row lock every seat writer takes,
 * before anything else), inserts the booking, inserts the seats with {@code ON CONFLICT DO NOTHING} on the
 * active-seat unique index (that index, not a read, detects seats taken by others) and writes the
 * {@code booking.held} event. If any seat is taken (even by an expired hold) the statement raises and writes
 * nothing; an unknown, started or too small showtime writes nothing either. The caller then answers 409 or
 * takes the careful path, which explains the refusal or expires the stale hold. One statement means one round
 * trip and the showtime lock held for the statement and its commit only: no BEGIN/COMMIT round trips while
 * the lock is held. Raw SQL on the reactive pool, not Hibernate: it is the hot path of a flash sale
 * (bench/README.md).
 */
@ApplicationScoped
public class HoldRepository {

    /** A hold the fast path made. */
    public record FastHold(long bookingId, Instant expiry, BigDecimal pricePerSeat) {
    }

    static final String HOLD = """
            WITH showtime AS (
                UPDATE showtimes SET seats_booked = seats_booked + $1, updated_at = $2
                 WHERE showtime_id = $3 AND NOT is_deleted AND (start_time IS NULL OR start_time > $2)
                   AND num_rows >= $4 AND num_cols >= $5
                RETURNING price, movie_id, LEAST($6::timestamptz, COALESCE(start_time, $6::timestamptz)) AS expiry
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
            ), event AS ( -- booking.held, the keys of booking_event_payload (V7), built from this statement's rows
                INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
                SELECT e.id, 'booking.held', booking.booking_id, $3, jsonb_build_object(
                           'event_id', e.id, 'type', 'booking.held', 'occurred_at', event_time($2),
                           'booking_id', booking.booking_id, 'user_id', $7, 'showtime_id', $3,
                           'movie_id', showtime.movie_id, 'status', 'pending',
                           'seats', (SELECT jsonb_agg(jsonb_build_object('row', s.r, 'col', s.c,
                                                                         'row_label', row_label(s.r))
                                                      ORDER BY s.r, s.c)
                                       FROM unnest($8::smallint[], $9::smallint[]) AS s (r, c)),
                           'seat_count', $1, 'price_per_seat', booking.price_per_seat,
                           'amount', booking.price_per_seat * $1, 'currency', $11::text,
                           'hold_expiry_time', event_time(booking.hold_expiry_time), 'payment_id', NULL::bigint,
                           'cancel_reason', NULL::text), $2
                  FROM booking, showtime, (SELECT gen_random_uuid() AS id) e
            )
            SELECT booking_id, hold_expiry_time, price_per_seat, hold_all_or_nothing((SELECT count(*) FROM seats), $1)
              FROM booking
            """;

    /** Raised by {@code hold_all_or_nothing} (V8) when a seat was taken: the statement wrote nothing. */
    static final String SEATS_TAKEN = "BKH01";

    /** After a refusal: which requested seats others hold, and whether every one of those holds is live. */
    static final String TAKEN = """
            SELECT seat_row, seat_col, status = 'booked' OR hold_expiry_time > $2 AS live
              FROM booked_seats
             WHERE showtime_id = $1 AND status IN ('on_hold', 'booked') AND NOT is_deleted
               AND (seat_row, seat_col) IN (SELECT * FROM unnest($3::smallint[], $4::smallint[]))
            """;

    private final Pool pool;
    private final String currency;

    public HoldRepository(Pool pool, BookingConfig config) {
        this.pool = pool;
        this.currency = config.payments().currency();
    }

    /**
     * The new hold; or a {@link SeatsUnavailable} failure when live holds or bookings have some of the seats
     * (the common loss in a flash sale, answered without the careful path); or null when the careful path
     * must decide. Nothing is written unless a hold is returned.
     */
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
                command.userId(), rows, cols, letters, currency));
        // one autocommit statement: one round trip, and the showtime lock held only for it and its commit
        return pool.preparedQuery(HOLD).execute(params).map(result -> {
            if (result.size() != 1) {
                throw Miss.INSTANCE; // unknown, started or too small a showtime: the careful path explains
            }
            Row row = result.iterator().next();
            return new FastHold(row.getLong(0), row.getOffsetDateTime(1).toInstant(), row.getBigDecimal(2));
        }).onFailure(HoldRepository::seatsTaken).recoverWithUni(refused -> pool.preparedQuery(TAKEN)
                // read after the refusal, without a lock: a seat freed since is left to the careful path
                .execute(Tuple.of(command.showtimeId(), utc(now), rows, cols)).map(taken -> refuse(taken, seats)))
                .onFailure(Miss.class).recoverWithNull();
    }

    private static boolean seatsTaken(Throwable failure) {
        return failure instanceof PgException pg && SEATS_TAKEN.equals(pg.getSqlState());
    }

    /** Always throws: {@link SeatsUnavailable} naming the live conflicts, or a miss for the careful path. */
    private static FastHold refuse(RowSet<Row> taken, List<Seat> requested) {
        List<Seat> conflicts = new ArrayList<>();
        for (Row row : taken) {
            if (!row.getBoolean(2)) {
                throw Miss.INSTANCE; // an expired hold: the careful path expires it and holds the seat
            }
            int seatRow = row.getShort(0);
            int seatCol = row.getShort(1);
            requested.stream().filter(seat -> seat.sameSeat(seatRow, seatCol)).forEach(conflicts::add);
        }
        if (conflicts.isEmpty()) {
            throw Miss.INSTANCE;
        }
        conflicts.sort(Comparator.comparingInt(requested::indexOf));
        throw new SeatsUnavailable(conflicts);
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
