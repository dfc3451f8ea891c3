package com.marquee.booking.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The Theatre seat sync's statements: short autocommit statements, none open across an HTTP call. */
@ApplicationScoped
class TheatreSyncRepository {

    /**
     * Leases up to $1 showtimes that have events not yet accounted for at the Theatre Service and are neither
     * leased by another instance nor pausing after a failure. The upsert's WHERE re-checks under the row
     * lock, so two instances never both get a showtime; ids in order, so they lock rows in the same order.
     */
    static final String CLAIM = """
            WITH dirty AS (
                SELECT showtime_id FROM (
                    SELECT DISTINCT o.showtime_id FROM outbox_events o
                     WHERE o.showtime_id IS NOT NULL AND o.theatre_synced_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM theatre_seat_sync s
                                        WHERE s.showtime_id = o.showtime_id
                                          AND ((s.lease_until > now() AND s.lease_owner <> $3)
                                               OR s.next_attempt_at > now()))) d
                 ORDER BY showtime_id LIMIT $1::int
            )
            INSERT INTO theatre_seat_sync AS s (showtime_id, lease_owner, lease_until)
            SELECT showtime_id, $3, now() + $2::bigint * interval '1 millisecond' FROM dirty ORDER BY showtime_id
            ON CONFLICT (showtime_id) DO UPDATE
               SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
             WHERE (s.lease_until IS NULL OR s.lease_until < now() OR s.lease_owner = EXCLUDED.lease_owner)
               AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now())
            RETURNING s.showtime_id
            """;

    /**
     * Our count and the events it accounts for, read in one statement (one snapshot): every event listed
     * committed together with its change to {@code seats_booked}, so the count includes all of them.
     */
    static final String SNAPSHOT = """
            SELECT (SELECT seats_booked FROM showtimes WHERE showtime_id = $1),
                   ARRAY(SELECT event_id FROM outbox_events
                          WHERE showtime_id = $1 AND theatre_synced_at IS NULL LIMIT 100000)
            """;

    static final String MARK_SYNCED = "UPDATE outbox_events SET theatre_synced_at = now() WHERE event_id = ANY($1)";

    static final String SUCCEEDED = """
            UPDATE theatre_seat_sync
               SET lease_owner = NULL, lease_until = NULL, next_attempt_at = NULL, attempts = 0,
                   theatre_count = $2, synced_at = now(), last_error = $3
             WHERE showtime_id = $1
            """;

    static final String FAILED = """
            UPDATE theatre_seat_sync
               SET lease_owner = NULL, lease_until = NULL,
                   next_attempt_at = now() + $2::bigint * interval '1 millisecond',
                   attempts = attempts + 1, last_error = left($3, 500)
             WHERE showtime_id = $1
            """;

    /** Our count ({@code null} if the showtime is gone) and the pending events it covers. */
    record Snapshot(Integer seatsBooked, List<UUID> eventIds) {
    }

    private final Pool pool;

    TheatreSyncRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<List<Long>> claim(int showtimes, Duration lease, String owner) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(showtimes, lease.toMillis(), owner)).map(rows -> {
            List<Long> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getLong(0));
            }
            return ids;
        });
    }

    Uni<Snapshot> snapshot(long showtimeId) {
        return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(showtimeId)).map(rows -> {
            Row row = rows.iterator().next();
            UUID[] ids = row.getArrayOfUUIDs(1);
            return new Snapshot(row.getInteger(0), ids == null ? List.of() : List.of(ids));
        });
    }

    /** The events are accounted for at the Theatre Service, which now holds {@code theatreCount}. */
    Uni<Void> succeeded(long showtimeId, List<UUID> eventIds, Integer theatreCount, String note) {
        return pool.withTransaction(connection -> connection.preparedQuery(MARK_SYNCED)
                .execute(Tuple.of(eventIds.toArray(UUID[]::new)))
                .chain(ignored -> connection.preparedQuery(SUCCEEDED)
                        .execute(Tuple.of(showtimeId, theatreCount, note))))
                .replaceWithVoid();
    }

    /** Nothing changes on our side; the showtime is tried again after {@code pause}, from a fresh read. */
    Uni<Void> failed(long showtimeId, Duration pause, String error) {
        return pool.preparedQuery(FAILED).execute(Tuple.of(showtimeId, pause.toMillis(), error)).replaceWithVoid();
    }
}
