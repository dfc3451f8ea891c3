package com.marquee.booking.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Metrics;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** A timeout on a transaction wrapped in {@link Uncancellable} ends the wait, not the transaction. */
@QuarkusTest
class UncancellableTest {

    @Inject
    Vertx vertx;

    @Test
    void cancellationDoesNotReachTheWork() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<String> work = new CompletableFuture<>();
        Uni<String> wrapped = Uncancellable.of(Uni.createFrom().completionStage(work)
                .onCancellation().invoke(() -> cancelled.set(true)));

        wrapped.subscribe().with(item -> {
        }).cancel();
        work.complete("done");

        assertFalse(cancelled.get());
    }

    @Test
    void timedOutTransactionStillEndsAndReturnsItsConnection() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        Supplier<Uni<Object>> slowTransaction = () -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT CAST(pg_sleep(0.3) AS text)").getSingleResult())
                .invoke(() -> finished.set(true)));

        Throwable failure = onVertxContext(() -> Uncancellable.of(slowTransaction.get())
                .ifNoItem().after(Duration.ofMillis(50)).fail());

        assertInstanceOf(TimeoutException.class, failure);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((!finished.get() || Metrics.value("sql_pool_active") > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(finished.get(), "the transaction ran to its end");
        assertEquals(0.0, Metrics.value("sql_pool_active"), "its connection went back to the pool");
    }

    /** Runs the pipeline on a fresh duplicated Vert.x context, as a request or a scheduled job would; returns its failure. */
    private Throwable onVertxContext(Supplier<Uni<?>> pipeline) throws InterruptedException {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        context.runOnContext(ignored -> pipeline.get().subscribe().with(outcome::complete, outcome::completeExceptionally));
        try {
            outcome.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the pipeline never ended", e);
        }
    }
}
