package com.marquee.booking.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link UpstreamProfile} plus what the event tests need: the broker behind a {@link BrokerProxy} they can
 * close and reopen, and small relay batches.
 */
public class EventsProfile extends UpstreamProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = super.getConfigOverrides();
        // small batches: a pass takes several claims, so two relays really interleave
        config.put("booking.events.batch-size", "5");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(BrokerProxyResource.class));
        return resources;
    }
}
