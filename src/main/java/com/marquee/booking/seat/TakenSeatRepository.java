package com.marquee.booking.seat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What seat maps read: a showtime's size and the seats that are really taken now (booked, or held by a
 * hold that has not run out), in one query on the reactive pool. Seat maps are polled by every browser
 * looking at a showtime, so this read stays off Hibernate (bench/README.md has the numbers).
 */
@ApplicationScoped
public class TakenSeatRepository {

    /** A showtime's screen and its taken seats, ordered by row and column. */
    public record Screen(int numRows, int numCols, List<TakenSeat> taken) {
    }

    public record TakenSeat(int row, int col, boolean letter, SeatStatus status, long bookingId,
            Instant holdExpiryTime) {
    }

    static final String TAKEN = """
            SELECT s.num_rows, s.num_cols, b.seat_row, b.seat_col, b.row_as_letter, b.status, b.booking_id,
                   b.hold_expiry_time
              FROM showtimes s
              LEFT JOIN booked_seats b
                ON b.showtime_id = s.showtime_id AND NOT b.is_deleted
               AND (b.status = 'booked' OR (b.status = 'on_hold' AND b.hold_expiry_time > $2))
             WHERE s.showtime_id = $1 AND NOT s.is_deleted
             ORDER BY b.seat_row, b.seat_col
            """;

    private final Pool pool;

    public TakenSeatRepository(Pool pool) {
        this.pool = pool;
    }

    /** The screen, or null if the showtime is unknown. */
    public Uni<Screen> screen(long showtimeId, Instant now) {
        return pool.preparedQuery(TAKEN).execute(Tuple.of(showtimeId, now.atOffset(ZoneOffset.UTC)))
                .map(TakenSeatRepository::screen);
    }

    private static Screen screen(RowSet<Row> rows) {
        Screen screen = null;
        List<TakenSeat> taken = new ArrayList<>();
        for (Row row : rows) {
            if (screen == null) {
                screen = new Screen(row.getShort(0), row.getShort(1), taken);
            }
            if (row.getValue(2) != null) {
                taken.add(new TakenSeat(row.getShort(2), row.getShort(3), row.getBoolean(4),
                        SeatStatus.valueOf(row.getString(5).toUpperCase()), row.getLong(6),
                        row.getOffsetDateTime(7) == null ? null : row.getOffsetDateTime(7).toInstant()));
            }
        }
        return screen;
    }
}
