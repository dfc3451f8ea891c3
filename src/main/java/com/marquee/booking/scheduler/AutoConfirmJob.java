package com.marquee.booking.scheduler;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.booking.BookingLifecycle;
import com.marquee.booking.booking.Settlement;
import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * With {@code booking.auto-confirm.enabled}, completes pending bookings older than
 * {@code booking.auto-confirm.delay} exactly as {@code POST /api/bookings/{id}/complete} would (the Theatre UI
 * has no payment step). Driven from the database, not in-memory timers, so it survives restarts; each
 * booking is locked with SKIP LOCKED and re-checked, so many instances can run it at once. A booking the
 * provider declined stays pending and is not tried again (its hold runs out and the expiry job releases it).
 */
@ApplicationScoped
public class AutoConfirmJob {

    private static final Logger LOG = Logger.getLogger(AutoConfirmJob.class);

    private final BookingLifecycle lifecycle;
    private final BookingConfig config;

    public AutoConfirmJob(BookingLifecycle lifecycle, BookingConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(identity = "auto-confirm", every = "${booking.auto-confirm.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return confirmDue().invoke(confirmed -> {
            if (confirmed > 0) {
                LOG.infof("Auto-confirmed %d booking(s)", confirmed);
            }
        }).onFailure().invoke(e -> LOG.warnf("Auto-confirm failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over due bookings; returns how many were confirmed (0 when auto-confirm is disabled). */
    public Uni<Integer> confirmDue() {
        if (!config.autoConfirm().enabled()) {
            return Uni.createFrom().item(0);
        }
        return JobSteps.bounded(lifecycle.autoConfirmDue(config.autoConfirm().batchSize())).chain(ids -> completeEach(ids, 0, 0));
    }

    private Uni<Integer> completeEach(List<Long> ids, int index, int confirmed) {
        if (index == ids.size()) {
            return Uni.createFrom().item(confirmed);
        }
        long bookingId = ids.get(index);
        return JobSteps.bounded(lifecycle.autoComplete(bookingId))
                .map(result -> {
                    if (result != null && result.outcome() == Settlement.Outcome.DECLINED) {
                        LOG.infof("Auto-confirm of booking %d declined: %s", bookingId,
                                result.payment().failureReason());
                    }
                    return result != null && result.outcome() == Settlement.Outcome.COMPLETED ? 1 : 0;
                })
                // one booking's failure must not stop the others
                .onFailure().invoke(e -> LOG.warnf("Auto-confirm of booking %d failed: %s", bookingId, e.toString()))
                .onFailure().recoverWithItem(0)
                .chain(one -> completeEach(ids, index + 1, confirmed + one));
    }
}
