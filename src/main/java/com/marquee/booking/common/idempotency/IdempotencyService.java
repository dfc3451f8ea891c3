package com.marquee.booking.common.idempotency;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The steps of an idempotent request, each its own short transaction: claiming the key must be visible
 * to a concurrent duplicate before the work starts, and the answer must be kept even when the work's own
 * transaction rolled back.
 */
@ApplicationScoped
public class IdempotencyService {

    private final IdempotencyRepository keys;
    private final BookingConfig config;
    private final Clock clock;

    public IdempotencyService(IdempotencyRepository keys, BookingConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** Null if this request claimed the key and must do the work; otherwise the key's earlier record. */
    @WithTransaction
    public Uni<IdempotencyRecord> claim(IdempotentCall call) {
        Instant now = clock.instant();
        return keys.claim(call.scope(), call.key(), call.fingerprint(), now, now.plus(config.idempotency().ttl()),
                now.minus(config.idempotency().inFlightTimeout()))
                .chain(claimed -> claimed ? Uni.createFrom().nullItem() : keys.findByKey(call.scope(), call.key()));
    }

    @WithTransaction
    public Uni<Void> recordAnswer(IdempotentCall call, StoredResponse answer) {
        return keys.recordAnswer(call.scope(), call.key(), call.fingerprint(), answer.status(), answer.contentType(),
                answer.location(), answer.body(), clock.instant()).replaceWithVoid();
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
