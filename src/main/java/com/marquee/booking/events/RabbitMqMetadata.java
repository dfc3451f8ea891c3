package com.marquee.booking.events;

import java.time.ZoneOffset;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * RabbitMQ message properties of an event: routing key = event type (consumers bind {@code booking.*},
 * {@code payment.failed}, {@code #}), message id = event id (for de-duplication), JSON, persistent
 * (survives a broker restart in a durable queue). Referenced only when the connector is on the class path.
 */
final class RabbitMqMetadata {

    private static final int PERSISTENT = 2;

    private RabbitMqMetadata() {
    }

    static Object of(OutgoingEvent event) {
        return OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.type())
                .withMessageId(event.eventId().toString())
                .withType(event.type())
                .withContentType(ConnectorMetadata.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .withAppId("booking-service")
                .build();
    }
}
