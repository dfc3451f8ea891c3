package com.marquee.booking.common.idempotency;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The steps of an idempotent request. Claiming is its own short transaction (a concurrent duplicate must see
 * the claim before the work starts); the answer is recorded in the work's own transaction
 * ({@link IdempotencyClaim#record}), or in a transaction of its own when the work changed nothing (a 4xx).
 */
@ApplicationScoped
public class IdempotencyService {

    /** What a claim attempt found: the claim, or the key's earlier record. */
    public record ClaimAttempt(IdempotencyClaim claim, IdempotencyRecord earlier) {
    }

    private final IdempotencyRepository keys;
    private final BookingConfig config;
    private final Clock clock;

    public IdempotencyService(IdempotencyRepository keys, BookingConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ClaimAttempt> claim(IdempotentCall call) {
        Instant now = clock.instant();
        return keys.claim(call.scope(), call.key(), call.fingerprint(), now, now.plus(config.idempotency().ttl()),
                now.minus(config.idempotency().inFlightTimeout()))
                .chain(id -> id != null ? Uni.createFrom().item(new ClaimAttempt(new IdempotencyClaim(call, id, this), null))
                        : keys.findByKey(call.scope(), call.key()).map(earlier -> new ClaimAttempt(null, earlier)));
    }

    /** Records an answer for a work that changed nothing (or whose transaction rolled back). */
    @WithTransaction
    public Uni<Void> recordAnswer(IdempotencyClaim claim, StoredResponse answer) {
        return keys.recordAnswer(claim.id(), claim.call().fingerprint(), answer, clock.instant()).replaceWithVoid();
    }

    /** Inside the caller's transaction: {@link IdempotencyClaim#record}. */
    Uni<Void> recordInCurrentTransaction(IdempotencyClaim claim, StoredResponse answer) {
        return keys.recordAnswer(claim.id(), claim.call().fingerprint(), answer, clock.instant()).replaceWithVoid();
    }

    /**
     * Inside the caller's transaction: records the answer of the claim {@code claimId} that a settlement (a
     * webhook, the reconciler, a late provider answer) completes; nothing if the key expired or was answered.
     */
    public Uni<Void> recordSettled(long claimId, StoredResponse answer) {
        return keys.recordAnswer(claimId, null, answer, clock.instant()).replaceWithVoid();
    }

    /** Frees the key after a failure the client may retry (5xx): the retry must do the work. */
    @WithTransaction
    public Uni<Void> release(IdempotentCall call) {
        return keys.release(call.scope(), call.key(), call.fingerprint()).replaceWithVoid();
    }

    /** Deletes up to {@code limit} keys past their expiry; returns how many. */
    @WithTransaction
    public Uni<Integer> purgeExpired(int limit) {
        return keys.deleteExpired(clock.instant(), limit);
    }
}
