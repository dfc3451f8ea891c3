package com.marquee.booking.common.db;

import io.smallrye.mutiny.Uni;

/**
 * Lets a caller stop waiting for database work without stopping the work.
 * <p>
 * Cancelling a {@link Uni} that runs a Hibernate Reactive transaction ({@code @WithTransaction},
 * {@code @WithSession}) cuts the pipeline between two steps: the session is then never closed, the
 * transaction never committed or rolled back, and the pooled connection never returned (quarkusio/quarkus#51576,
 * hibernate/hibernate-reactive#2926). Timeouts ({@code ifNoItem().after(..).fail()}), {@code Uni.combine()}
 * losers and HTTP clients that hang up all cancel. Wrapped here, the work is subscribed on its own: a
 * cancellation ends the wait, while the work runs to its end (commit or rollback) and frees its connection.
 * Its late outcome is dropped.
 * <pre>{@code
 * Uncancellable.of(service.expireDue(batch)).ifNoItem().after(timeout).fail()
 * }</pre>
 * Subscribes on the caller's thread, so the work keeps the caller's Vert.x context (which Hibernate Reactive
 * needs). For resources use {@code @Cancellable(false)} on the class instead, which has the same effect for
 * clients that hang up.
 */
public final class Uncancellable {

    private Uncancellable() {
    }

    /** {@code work}, which a cancellation of the returned Uni no longer reaches. */
    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(waiter -> work.subscribe().with(waiter::complete, waiter::fail));
    }
}
