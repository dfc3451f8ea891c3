package com.marquee.booking.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with every external service real over HTTP: the three upstream services (the {@link UpstreamStub})
 * and Stripe as the payment provider (the {@link StripeStub}, started for every app by
 * {@link StripeStubResource}), with fault-tolerance limits, the provider timeout and the reconciler scaled down
 * so that timeouts, retries, an open circuit and reconciliation play out in test time. Every test class with
 * external services uses this one profile: each profile is one more app restart.
 */
public class UpstreamProfile implements QuarkusTestProfile {

    /** Short, but long enough for a cold app's first call (building the client) on a busy machine. */
    public static final long TIMEOUT_MILLIS = 1000;
    public static final long CIRCUIT_DELAY_MILLIS = 1000;
    /** A provider call with no answer after this long has an unknown outcome. */
    public static final long PROVIDER_TIMEOUT_MILLIS = 1000;
    /** An unsettled payment is reconciled this long after its charge started (the job runs every 500 ms). */
    public static final long RECONCILE_AFTER_MILLIS = 1500;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String method : List.of("theatre.TheatreClient/showtime", "user.UserClient/profile",
                "movie.MovieClient/name")) {
            String prefix = "quarkus.fault-tolerance.\"com.marquee.booking.integration." + method + "\".";
            config.put(prefix + "timeout.value", String.valueOf(TIMEOUT_MILLIS));
            config.put(prefix + "retry.delay", "10");
            config.put(prefix + "retry.jitter", "5");
            config.put(prefix + "exponential-backoff.max-delay", "40");
            config.put(prefix + "circuit-breaker.request-volume-threshold", "4");
            config.put(prefix + "circuit-breaker.delay", String.valueOf(CIRCUIT_DELAY_MILLIS));
            config.put(prefix + "circuit-breaker.success-threshold", "1");
        }
        config.put("booking.payments.provider", "stripe");
        config.put("booking.payments.timeout", PROVIDER_TIMEOUT_MILLIS + "ms");
        config.put("booking.payments.reconcile-interval", "500ms");
        config.put("booking.payments.reconcile-after", RECONCILE_AFTER_MILLIS + "ms");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(UpstreamStubResource.class));
    }
}
