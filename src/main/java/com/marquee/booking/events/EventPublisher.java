package com.marquee.booking.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.marquee.booking.common.config.BookingConfig;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Hands events to the {@code booking-events} channel (SmallRye Reactive Messaging; the connector and its
 * destination are configuration) and completes when the broker confirmed one: with publisher confirms
 * the connector acknowledges a message only after the broker took responsibility for it. No confirm within
 * {@code booking.events.publish-timeout} is a {@link TimeoutException}: the outcome is unknown and the
 * event stays in the outbox to be sent again (at least once).
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "booking-events";

    private final MutinyEmitter<String> emitter;
    private final Duration timeout;

    // room for a whole relay batch waiting on a reconnecting connector
    public EventPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter, BookingConfig config) {
        this.emitter = emitter;
        this.timeout = config.events().publishTimeout();
    }

    Uni<Void> publish(OutgoingEvent event) {
        Message<String> message = Message.of(event.body(), ConnectorMetadata.of(event));
        return emitter.sendMessage(message).ifNoItem().after(timeout).failWith(TimeoutException::new);
    }
}
