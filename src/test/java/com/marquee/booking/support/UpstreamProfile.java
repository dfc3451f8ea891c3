package com.marquee.booking.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with all three upstream services configured (the {@link UpstreamStub}) and fault-tolerance
 * limits scaled down so that timeouts, retries and an open circuit play out in test time. Every test
 * class with upstreams uses this one profile: each profile is one more app restart.
 */
public class UpstreamProfile implements QuarkusTestProfile {

    /** Short, but long enough for a cold app's first call (building the client) on a busy machine. */
    public static final long TIMEOUT_MILLIS = 1000;
    public static final long CIRCUIT_DELAY_MILLIS = 1000;

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
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(UpstreamStubResource.class));
    }
}
