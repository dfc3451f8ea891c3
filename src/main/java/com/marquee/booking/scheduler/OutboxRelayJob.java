package com.marquee.booking.scheduler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.events.OutboxPruner;
import com.marquee.booking.events.OutboxRelay;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the outbox every {@code booking.events.relay-interval} (commits that nudge the relay are
 * published sooner) and refreshes its backlog gauges; deletes old events every
 * {@code booking.events.prune-interval}. Every instance runs both: claims are leased rows, so they share
 * the work. The relay's own backoff paces it while the broker is down.
 */
@ApplicationScoped
public class OutboxRelayJob {

    private static final Logger LOG = Logger.getLogger(OutboxRelayJob.class);

    private final OutboxRelay relay;
    private final OutboxPruner pruner;

    public OutboxRelayJob(OutboxRelay relay, OutboxPruner pruner) {
        this.relay = relay;
        this.pruner = pruner;
    }

    @Scheduled(identity = "outbox-relay", every = "${booking.events.relay-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return JobSteps.bounded(relay.publishPending())
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> JobSteps.bounded(relay.refreshBacklog()))
                .onFailure().invoke(e -> LOG.debugf("Outbox backlog not counted: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(identity = "outbox-prune", every = "${booking.events.prune-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return prunedUntilDone(0).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("Deleted %d old outbox event(s)", deleted);
            }
        }).onFailure().invoke(e -> LOG.warnf("Outbox pruning failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes until a batch comes back short; returns the number deleted. */
    public Uni<Integer> prunedUntilDone(int deletedSoFar) {
        return JobSteps.bounded(pruner.pruneBatch()).chain(deleted -> deleted < pruner.batchSize()
                ? Uni.createFrom().item(deletedSoFar + deleted)
                : prunedUntilDone(deletedSoFar + deleted));
    }
}
