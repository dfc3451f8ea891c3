package com.marquee.booking.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.events.TheatreSeatSync;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Reconciles the Theatre Service's seat counters of showtimes that events marked, every
 * {@code booking.theatre.sync-interval} (does nothing unless {@code booking.theatre.sync-seats} is on and a
 * Theatre Service URL is set). Safe on every instance: each showtime is leased to one at a time.
 */
@ApplicationScoped
public class TheatreSeatSyncJob {

    private static final Logger LOG = Logger.getLogger(TheatreSeatSyncJob.class);

    private final TheatreSeatSync sync;

    public TheatreSeatSyncJob(TheatreSeatSync sync) {
        this.sync = sync;
    }

    @Scheduled(identity = "theatre-seat-sync", every = "${booking.theatre.sync-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!sync.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return JobSteps.bounded(sync.syncMarked()).invoke(settled -> {
            if (settled > 0) {
                LOG.debugf("Reconciled %d Theatre seat counter(s)", settled);
            }
        }).onFailure().invoke(e -> LOG.warnf("Theatre seat sync failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
