package com.marquee.booking.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.idempotency.IdempotencyService;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Deletes Idempotency-Keys past their expiry, a batch per transaction (an expired key is also reclaimed on use). */
@ApplicationScoped
public class IdempotencyCleanupJob {

    private static final Logger LOG = Logger.getLogger(IdempotencyCleanupJob.class);

    private final IdempotencyService idempotency;
    private final BookingConfig config;

    public IdempotencyCleanupJob(IdempotencyService idempotency, BookingConfig config) {
        this.idempotency = idempotency;
        this.config = config;
    }

    @Scheduled(identity = "idempotency-cleanup", every = "${booking.idempotency.cleanup-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purge().invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("Deleted %d expired idempotency key(s)", deleted);
            }
        }).onFailure().invoke(e -> LOG.warnf("Idempotency key cleanup failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes until a batch comes back short; returns the number deleted. */
    public Uni<Integer> purge() {
        return purgeFrom(0);
    }

    private Uni<Integer> purgeFrom(int deletedSoFar) {
        int batch = config.idempotency().cleanupBatchSize();
        return JobSteps.bounded(idempotency.purgeExpired(batch)).chain(deleted -> deleted < batch
                ? Uni.createFrom().item(deletedSoFar + deleted)
                : purgeFrom(deletedSoFar + deleted));
    }
}
