package com.marquee.booking.scheduler;

import java.time.Duration;

import com.marquee.booking.common.db.Uncancellable;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.TimeoutException;

/**
 * Bounds one transactional step of a scheduled job. A step whose connection dies mid-transaction can be
 * left without an outcome; with {@code concurrentExecution = SKIP} every later run would then be skipped
 * for good (seen when PostgreSQL restarted under load: holds stopped expiring). Database timeouts
 * (lock 5 s, statement 15 s) end any legitimate step well before this. The timeout ends the wait only:
 * cancelling the transaction itself would leave its connection checked out for good ({@link Uncancellable}).
 */
final class JobSteps {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private JobSteps() {
    }

    static <T> Uni<T> bounded(Uni<T> step) {
        return bounded(step, STEP_TIMEOUT);
    }

    static <T> Uni<T> bounded(Uni<T> step, Duration limit) {
        return Uncancellable.of(step).ifNoItem().after(limit).failWith(() -> new TimeoutException());
    }
}
