package com.marquee.booking.integration;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.marquee.booking.common.metrics.BookingMetrics;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.WebApplicationException;

/** What the three upstream clients share: whether one is configured, timing attempts, naming failures. */
public final class Upstream {

    private Upstream() {
    }

    /**
     * Whether {@code quarkus.rest-client.<configKey>.url} (or {@code .uri}) is set: each upstream is
     * optional, and an empty value (an unset environment variable) leaves it off.
     */
    public static boolean configured(String configKey) {
        Config config = ConfigProvider.getConfig();
        return nonBlank(config.getOptionalValue("quarkus.rest-client." + configKey + ".url", String.class))
                || nonBlank(config.getOptionalValue("quarkus.rest-client." + configKey + ".uri", String.class));
    }

    private static boolean nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }

    /**
     * One attempt, timed from subscription; every outcome is recorded, including a cancellation by the
     * fault-tolerance timeout. Transport failures become {@link UpstreamFailure}; a 404 stays a
     * {@link WebApplicationException} for the caller to map.
     */
    public static <T> Uni<T> attempt(BookingMetrics metrics, String service, String what, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call
                    .onItem().invoke(ignored -> metrics.upstreamCall(service, "success", since(start)))
                    .onFailure().invoke(e -> metrics.upstreamCall(service, outcome(e), since(start)))
                    .onCancellation().invoke(() -> metrics.upstreamCall(service, "timeout", since(start)))
                    .onFailure(e -> !isStatus(e, 404))
                    .transform(e -> e instanceof UpstreamFailure ? e
                            : new UpstreamFailure(what + " failed: " + describe(e), e));
        });
    }

    public static boolean isStatus(Throwable failure, int status) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == status;
    }

    /** The failure that reached a fallback, as the reason tag and a readable sentence. */
    public static UpstreamUnavailable unavailable(String service, String name, Throwable cause) {
        String reason = cause instanceof TimeoutException ? "timeout"
                : cause instanceof CircuitBreakerOpenException ? "circuit_open" : "error";
        String detail = switch (reason) {
            case "timeout" -> "The " + name + " did not answer in time; try again shortly";
            case "circuit_open" -> "The " + name + " is failing and is not being called for a while; try again shortly";
            default -> "The " + name + " is unavailable; try again shortly";
        };
        return new UpstreamUnavailable(service, reason, detail);
    }

    /**
     * Continues on the caller's Vert.x context: a fault-tolerance timer or an HTTP client thread may
     * complete the call, and Hibernate Reactive must stay on the context that owns its session.
     */
    public static <T> Uni<T> onCallerContext(Uni<T> upstream) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return upstream;
        }
        return upstream.emitOn(task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        });
    }

    private static String outcome(Throwable e) {
        if (isStatus(e, 404)) {
            return "not_found";
        }
        return e instanceof WebApplicationException ? "http_error" : "error";
    }

    private static String describe(Throwable e) {
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            return "HTTP " + web.getResponse().getStatus();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
