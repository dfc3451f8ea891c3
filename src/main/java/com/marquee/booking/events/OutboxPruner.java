package com.marquee.booking.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.config.BookingConfig;

import io.smallrye.mutiny.Uni;

/**
 * Deletes old events, a batch per statement: published ones {@code booking.events.retention} after they
 * were published; with publishing off, unpublished ones that long after they happened (nothing would ever
 * publish them, and the table must not grow for ever). An event the Theatre seat sync has not yet
 * accounted for is kept either way.
 */
@ApplicationScoped
public class OutboxPruner {

    private final OutboxRepository outbox;
    private final EventMetrics metrics;
    private final TheatreSeatSync theatreSync;
    private final boolean publishing;
    private final Duration retention;
    private final int batchSize;

    public OutboxPruner(OutboxRepository outbox, EventMetrics metrics, TheatreSeatSync theatreSync,
            BookingConfig config) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.theatreSync = theatreSync;
        this.publishing = config.events().enabled();
        this.retention = config.events().retention();
        this.batchSize = config.events().pruneBatchSize();
    }

    /** Deletes one batch; returns how many (a full batch means there may be more). */
    public Uni<Integer> pruneBatch() {
        return outbox.prune(batchSize, retention, publishing, theatreSync.enabled()).invoke(metrics::pruned);
    }

    public int batchSize() {
        return batchSize;
    }
}
