package com.marquee.booking.common.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's domain metrics, served with everything else at {@code /q/metrics} (Prometheus names:
 * dots become underscores, counters get {@code _total}). Callers count after the transaction committed,
 * so a rolled-back hold is never counted as created.
 */
@ApplicationScoped
public class BookingMetrics {

    private final MeterRegistry registry;
    private final Counter holdsCreated;
    private final Counter holdConflicts;
    private final Counter holdsExpired;
    private final Counter bookingsConfirmed;

    public BookingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.holdsCreated = Counter.builder("booking.holds.created")
                .description("Bookings created with their seats on hold").register(registry);
        this.holdConflicts = Counter.builder("booking.holds.conflicts")
                .description("Hold requests refused because a seat was taken").register(registry);
        this.holdsExpired = Counter.builder("booking.holds.expired")
                .description("Pending bookings released by the expiry job because their hold ran out")
                .register(registry);
        this.bookingsConfirmed = Counter.builder("booking.bookings.confirmed")
                .description("Bookings confirmed (paid)").register(registry);
    }

    public void holdCreated() {
        holdsCreated.increment();
    }

    public void holdConflict() {
        holdConflicts.increment();
    }

    public void holdsExpired(int count) {
        if (count > 0) {
            holdsExpired.increment(count);
        }
    }

    public void bookingConfirmed() {
        bookingsConfirmed.increment();
    }

    /** {@code reason}: one of the {@code Booking.CANCELLED_*} codes (user, expired, refunded). */
    public void bookingCancelled(String reason) {
        Counter.builder("booking.bookings.cancelled").description("Bookings cancelled, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** {@code outcome}: the payment's resulting status (completed, failed, refunded) or "declined". */
    public void payment(String outcome) {
        Counter.builder("booking.payments").description("Payments processed, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * One HTTP request to an upstream service. {@code outcome}: success, not_found, declined (a payment
     * provider's 402), http_error, error (connection refused or reset, an unreadable answer), timeout (cancelled
     * by the fault-tolerance timeout).
     */
    public void upstreamCall(String service, String outcome, Duration latency) {
        Timer.builder("booking.upstream.calls").description("Requests to upstream services, by outcome")
                .tag("service", service).tag("outcome", outcome).register(registry).record(latency);
    }

    /**
     * A request was served without an upstream's answer. {@code reason}: stale_copy (a stored showtime was
     * used), skipped (a check was skipped), no_details (a detail was left out).
     */
    public void upstreamDegraded(String service, String reason) {
        Counter.builder("booking.upstream.degraded")
                .description("Requests served without an upstream service's answer, by what was done instead")
                .tag("service", service).tag("reason", reason).register(registry).increment();
    }
}
