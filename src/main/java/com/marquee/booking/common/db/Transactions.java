package com.marquee.booking.common.db;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.common.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one way our use cases open a transaction. A deadlock or serialization failure is retried once (the
 * retry usually succeeds, and the client should not pay for our bug), then answered 409; either way it is
 * logged as an ERROR, because with one lock order for every writer it means that order was broken.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private Transactions() {
    }

    /** {@code work} in a Hibernate Reactive transaction of its own (a new session unless one is open). */
    public static <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return retryingLockOrderFailures(() -> Panache.withTransaction(work));
    }

    /** Retries {@code transaction} (a whole transaction, e.g. one on the raw pool) once after a deadlock. */
    public static <T> Uni<T> retryingLockOrderFailures(Supplier<Uni<T>> transaction) {
        return Uni.createFrom().deferred(() -> transaction.get())
                .onFailure(DatabaseFailures::isLockOrderFailure).recoverWithUni(first -> {
                    LOG.errorf("Lock-order failure (deadlock or serialization failure), retrying once: %s",
                            first.toString());
                    return Uni.createFrom().deferred(() -> transaction.get())
                            .onFailure(DatabaseFailures::isLockOrderFailure).transform(second -> {
                                LOG.errorf("Lock-order failure again, answering 409: %s", second.toString());
                                return new ProblemException(409, "concurrent-update", "Concurrent update",
                                        "Another request changed the same booking at the same moment; try again");
                            });
                });
    }
}
