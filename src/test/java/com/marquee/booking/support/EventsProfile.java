package com.marquee.booking.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link UpstreamProfile} plus what the event tests need: the broker behind a {@link BrokerProxy} they can
 * close and reopen, small relay batches, the Theatre seat sync on, and its Theatre calls scaled down (no
 * circuit breaker, so injected failures stay independent of each other).
 */
public class EventsProfile extends UpstreamProfile {

    public static final long SEAT_COUNTER_TIMEOUT_MILLIS = 500;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = super.getConfigOverrides();
        // small batches: a pass takes several claims, so two relays really interleave
        config.put("booking.events.batch-size", "5");
        config.put("booking.theatre.sync-seats", "true");
        config.put("booking.theatre.sync-settle", "200ms");
        for (String method : List.of("seatsBooked", "addSeats")) {
            String prefix = "quarkus.fault-tolerance.\"com.marquee.booking.integration.theatre.TheatreClient/"
                    + method + "\".";
            config.put(prefix + "timeout.value", String.valueOf(SEAT_COUNTER_TIMEOUT_MILLIS));
            config.put(prefix + "retry.delay", "10");
            config.put(prefix + "retry.jitter", "5");
            config.put(prefix + "exponential-backoff.max-delay", "40");
            config.put(prefix + "circuit-breaker.enabled", "false");
        }
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(BrokerProxyResource.class));
        return resources;
    }
}
