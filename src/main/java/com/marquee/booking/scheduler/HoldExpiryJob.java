package com.marquee.booking.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.booking.BookingLifecycle;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Releases holds that fell due, a batch per transaction until none is left. Runs on a Vert.x context
 * (it returns a Uni), so it never blocks the event loop; SKIP stops a slow sweep overlapping itself.
 */
@ApplicationScoped
public class HoldExpiryJob {

    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);

    private final BookingLifecycle lifecycle;
    private final BookingConfig config;

    public HoldExpiryJob(BookingLifecycle lifecycle, BookingConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(identity = "hold-expiry", every = "${booking.holds.sweep-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return sweep().invoke(released -> {
            if (released > 0) {
                LOG.infof("Released %d expired hold(s)", released);
            }
        }).onFailure().invoke(e -> LOG.warnf("Hold expiry sweep failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sweeps until a batch comes back short; returns the number of bookings released. */
    public Uni<Integer> sweep() {
        return sweepFrom(0);
    }

    private Uni<Integer> sweepFrom(int releasedSoFar) {
        int batch = config.holds().sweepBatchSize();
        return JobSteps.bounded(lifecycle.expireDue(batch)).chain(released -> released < batch
                ? Uni.createFrom().item(releasedSoFar + released)
                : sweepFrom(releasedSoFar + released));
    }
}
