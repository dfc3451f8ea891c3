package com.marquee.booking.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN only when this instance's event channel is broken for good ({@link OutboxRelay#channelBroken()}), so
 * the platform restarts it. A broker that is merely down never makes it DOWN (events wait in the outbox),
 * and readiness never depends on the broker.
 */
@Liveness
@ApplicationScoped
public class EventChannelLiveness implements HealthCheck {

    private final OutboxRelay relay;

    public EventChannelLiveness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("booking-events channel").status(!relay.channelBroken())
                .withData("publishing", relay.enabled())
                .build();
    }
}
