package com.marquee.booking.common.idempotency;

import io.smallrye.mutiny.Uni;

/**
 * An Idempotency-Key this request claimed. The work records its answer through {@link #record} inside the
 * transaction that makes the change the answer describes, so a change and its answer commit together: a
 * retry after any crash finds either both or neither. Work whose outcome is settled later (a charge whose
 * provider answer is not known yet) {@linkplain #link() links} the claim to what it left behind and whoever
 * settles it records the answer by {@link #id()}.
 */
public final class IdempotencyClaim {

    private final IdempotentCall call;
    private final long id;
    private final IdempotencyService service;
    private volatile StoredResponse recorded;
    private volatile boolean linked;

    IdempotencyClaim(IdempotentCall call, long id, IdempotencyService service) {
        this.call = call;
        this.id = id;
        this.service = service;
    }

    /** The claimed row: stored on a payment whose settlement must answer this request. */
    public long id() {
        return id;
    }

    /** Records {@code answer} in the caller's current Hibernate Reactive transaction. */
    public Uni<Void> record(StoredResponse answer) {
        return service.recordInCurrentTransaction(this, answer).invoke(() -> recorded = answer);
    }

    /** Something committed now refers to this claim: a failure from here on must not free the key. */
    public void link() {
        linked = true;
    }

    IdempotentCall call() {
        return call;
    }

    StoredResponse recorded() {
        return recorded;
    }

    boolean linked() {
        return linked;
    }
}
