package com.marquee.booking.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The relay's statements on {@code outbox_events}, each one short autocommit statement on the reactive
 * pool: nothing is held open while the relay talks to the broker or the upstream services.
 */
@ApplicationScoped
class OutboxRepository {

    /**
     * Claims, in one statement, up to $1 bookings whose first unpublished event is free (never claimed,
     * lease run out, or leased by this same instance $3), together with all their other unpublished events.
     * Taking back its own events never extends their lease: an instance that keeps failing cannot keep
     * them from the others for longer than one lease.
     * Only a booking's first unpublished event can start a claim, and it is row-locked (SKIP LOCKED: two
     * relays never wait on each other) while the statement leases the rest: so one booking's events belong
     * to one relay at a time, and a later event can never be published by another relay while an earlier
     * one is pending. Events without a booking are claimed on their own.
     */
    static final String CLAIM = """
            WITH heads AS (
                SELECT o.event_id, o.booking_id
                  FROM outbox_events o
                 WHERE o.published_at IS NULL
                   AND (o.lease_until IS NULL OR o.lease_until < now() OR o.lease_owner = $3)
                   AND (o.booking_id IS NULL OR NOT EXISTS (
                        SELECT 1 FROM outbox_events p
                         WHERE p.booking_id = o.booking_id AND p.published_at IS NULL AND p.seq < o.seq))
                 ORDER BY o.seq
                 LIMIT $1::int
                   FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE outbox_events e
                   SET lease_until = CASE WHEN e.lease_owner = $3 AND e.lease_until > now() THEN e.lease_until
                                          ELSE now() + $2::bigint * interval '1 millisecond' END,
                       lease_owner = $3, attempts = e.attempts + 1
                 WHERE e.published_at IS NULL
                   AND (e.event_id IN (SELECT event_id FROM heads)
                        OR e.booking_id IN (SELECT booking_id FROM heads WHERE booking_id IS NOT NULL))
                RETURNING e.event_id, e.seq, e.event_type, e.booking_id, e.showtime_id, e.payload, e.occurred_at,
                          e.lease_until
            )
            SELECT event_id, seq, event_type, booking_id, showtime_id, payload::text, occurred_at,
                   (payload ->> 'user_id')::bigint, (payload ->> 'movie_id')::bigint,
                   (extract(epoch FROM lease_until - now()) * 1000)::bigint
              FROM claimed ORDER BY seq
            """;

    static final String MARK_PUBLISHED = """
            UPDATE outbox_events
               SET published_at = now(), lease_until = NULL, lease_owner = NULL, last_error = NULL
             WHERE event_id = ANY($1)
            """;

    /** The lease stays: this instance retries the event itself; others wait for the lease to run out. */
    static final String RECORD_FAILURE = "UPDATE outbox_events SET last_error = left($2, 500) WHERE event_id = $1";

    /** An instance that can no longer publish gives its events back at once. */
    static final String RELEASE = """
            UPDATE outbox_events SET lease_until = NULL, lease_owner = NULL
             WHERE lease_owner = $1 AND published_at IS NULL
            """;

    static final String BACKLOG = """
            SELECT count(*), COALESCE(extract(epoch FROM now() - min(occurred_at)) * 1000, 0)::bigint
              FROM outbox_events WHERE published_at IS NULL
            """;

    /**
     * Deletes a batch of old events. Published ones go $2 after publication; with publishing off ($3 false)
     * unpublished ones go $2 after they happened (else the table would grow for ever); events the Theatre
     * sync still needs ($4 true) stay.
     */
    static final String PRUNE = """
            DELETE FROM outbox_events WHERE event_id IN (
                SELECT event_id FROM outbox_events
                 WHERE CASE WHEN $3 THEN published_at < now() - $2::bigint * interval '1 millisecond'
                            ELSE occurred_at < now() - $2::bigint * interval '1 millisecond' END
                   AND (NOT $4 OR showtime_id IS NULL OR theatre_synced_at IS NOT NULL)
                 LIMIT $1::int)
            """;

    private final Pool pool;

    OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** The claimed events in order, and how long the shortest of their leases still runs. */
    record Claim(List<ClaimedEvent> events, Duration leaseLeft) {
    }

    Uni<Claim> claim(int bookings, Duration lease, String owner) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(bookings, lease.toMillis(), owner)).map(rows -> {
            List<ClaimedEvent> claimed = new ArrayList<>();
            long leaseLeftMillis = lease.toMillis();
            for (Row row : rows) {
                OffsetDateTime occurred = row.getOffsetDateTime(6);
                claimed.add(new ClaimedEvent(row.getUUID(0), row.getLong(1), row.getString(2), row.getLong(3),
                        row.getLong(4), row.getString(5), occurred.toInstant(), row.getLong(7), row.getLong(8)));
                leaseLeftMillis = Math.min(leaseLeftMillis, row.getLong(9));
            }
            return new Claim(claimed, Duration.ofMillis(leaseLeftMillis));
        });
    }

    Uni<Integer> release(String owner) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(owner)).map(rows -> rows.rowCount());
    }

    Uni<Void> markPublished(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(eventIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    Uni<Void> recordFailure(UUID eventId, String error) {
        return pool.preparedQuery(RECORD_FAILURE).execute(Tuple.of(eventId, error)).replaceWithVoid();
    }

    /** Unpublished events and the age of the oldest. */
    Uni<Backlog> backlog() {
        return pool.preparedQuery(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong(0), Duration.ofMillis(row.getLong(1)));
        });
    }

    Uni<Integer> prune(int batch, Duration retention, boolean publishing, boolean theatreSync) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(batch, retention.toMillis(), publishing, theatreSync))
                .map(rows -> rows.rowCount());
    }

    record Backlog(long unpublished, Duration oldest) {
    }
}
