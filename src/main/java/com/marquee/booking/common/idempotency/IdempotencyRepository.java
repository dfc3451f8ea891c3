package com.marquee.booking.common.idempotency;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, Long> {

    /**
     * Claims a key for a request: inserts it, or takes over a row that expired or whose request was
     * abandoned (its instance died before recording an answer). One statement, so of concurrent
     * claimers exactly one wins; the row's id if this one did, else null.
     */
    public Uni<Long> claim(String scope, String key, String fingerprint, Instant now, Instant expiresAt,
            Instant abandonedBefore) {
        return getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, created_at, updated_at,"
                        + " expires_at) VALUES (:scope, :key, :fingerprint, 'in_flight', :now, :now, :expires)"
                        + " ON CONFLICT (scope, idempotency_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
                        + " state = 'in_flight', response_status = NULL, response_content_type = NULL,"
                        + " response_location = NULL, response_body = NULL, created_at = EXCLUDED.created_at,"
                        + " updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at"
                        + " WHERE idempotency_keys.expires_at <= :now"
                        + " OR (idempotency_keys.state = 'in_flight' AND idempotency_keys.updated_at <= :abandoned)"
                        + " RETURNING idempotency_key_id", Long.class)
                .setParameter("scope", scope).setParameter("key", key).setParameter("fingerprint", fingerprint)
                .setParameter("now", now).setParameter("expires", expiresAt)
                .setParameter("abandoned", abandonedBefore)
                .getResultList()).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    public Uni<IdempotencyRecord> findByKey(String scope, String key) {
        return find("scope = ?1 and key = ?2", scope, key).firstResult();
    }

    /**
     * Records the answer of the claim {@code id} while it is still in flight, in the caller's transaction. A
     * {@code fingerprint} (null: any) guards against writing into a claim another request took over.
     */
    public Uni<Integer> recordAnswer(long id, String fingerprint, StoredResponse answer, Instant now) {
        return getSession().chain(session -> session.createNativeQuery(RECORD_ANSWER)
                .setParameter("status", (short) answer.status()).setParameter("type", answer.contentType())
                .setParameter("location", answer.location()).setParameter("body", answer.body())
                .setParameter("now", now).setParameter("id", id).setParameter("fingerprint", fingerprint)
                .executeUpdate());
    }

    static final String RECORD_ANSWER = "UPDATE idempotency_keys SET state = 'done', response_status = :status,"
            + " response_content_type = :type, response_location = :location, response_body = :body,"
            + " updated_at = :now WHERE idempotency_key_id = :id AND state = 'in_flight'"
            + " AND (CAST(:fingerprint AS varchar) IS NULL OR fingerprint = :fingerprint)";

    public Uni<Long> release(String scope, String key, String fingerprint) {
        return delete("scope = ?1 and key = ?2 and fingerprint = ?3 and state = ?4", scope, key, fingerprint,
                IdempotencyRecord.IN_FLIGHT);
    }

    /** Deletes up to {@code limit} expired keys; returns how many. */
    public Uni<Integer> deleteExpired(Instant now, int limit) {
        return getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM idempotency_keys WHERE idempotency_key_id IN (SELECT idempotency_key_id"
                        + " FROM idempotency_keys WHERE expires_at <= :now LIMIT :limit FOR UPDATE SKIP LOCKED)")
                .setParameter("now", now).setParameter("limit", limit).executeUpdate());
    }
}
