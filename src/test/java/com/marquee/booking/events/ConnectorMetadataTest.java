package com.marquee.booking.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * What each connector reads from an event's message: RabbitMQ its properties, Kafka and AMQP 1.0 the
 * connector-neutral Cloud Events metadata (Kafka keys the record by the booking: one partition, in order).
 */
class ConnectorMetadataTest {

    private static final UUID ID = UUID.fromString("5f0c6a53-3f7e-4d55-9b8e-2f1f6c1c2b10");
    private static final Instant AT = Instant.parse("2026-11-19T10:40:00.123456Z");

    /** As the relay builds it; connectors look metadata up by type, as here. */
    private static Message<String> message(OutgoingEvent event) {
        return Message.of(event.body(), ConnectorMetadata.of(event));
    }

    @Test
    void rabbitMqRoutesByTypeAndDeduplicatesByEventId() {
        Message<String> message = message(new OutgoingEvent(ID, "booking.held", "501", AT, "{}"));

        OutgoingRabbitMQMetadata rabbit = message.getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow();
        assertEquals("booking.held", rabbit.getRoutingKey());
        assertEquals(ID.toString(), rabbit.getMessageId());
        assertEquals("application/json", rabbit.getContentType());
        assertEquals(2, rabbit.getDeliveryMode(), "persistent");
        assertEquals(AT, rabbit.getTimestamp().toInstant());
    }

    @Test
    void cloudEventsKeyKafkaRecordsByBooking() {
        Message<String> message = message(new OutgoingEvent(ID, "booking.held", "501", AT, "{}"));

        OutgoingCloudEventMetadata<?> cloudEvent = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertEquals(ID.toString(), cloudEvent.getId());
        assertEquals("booking.held", cloudEvent.getType());
        assertEquals("501", cloudEvent.getSubject().orElseThrow());
        assertEquals("501", cloudEvent.getExtension("partitionkey").orElseThrow());
        assertEquals("application/json", cloudEvent.getDataContentType().orElseThrow());
    }

    @Test
    void anEventWithoutABookingHasNoKey() {
        Message<String> message = message(new OutgoingEvent(ID, "payment.failed", null, AT, "{}"));

        OutgoingCloudEventMetadata<?> cloudEvent = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertFalse(cloudEvent.getExtension("partitionkey").isPresent());
        OutgoingRabbitMQMetadata rabbit = message.getMetadata(OutgoingRabbitMQMetadata.class).orElseThrow();
        assertEquals("payment.failed", rabbit.getRoutingKey());
    }
}
