package com.marquee.booking.events;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

/**
 * The message metadata that makes an {@link OutgoingEvent} land right on whichever connector the
 * {@code booking-events} channel is configured with, so that swapping the broker is configuration only:
 * <ul>
 * <li>always Cloud Events metadata (connector-neutral, in the messaging API): the Kafka connector uses
 * its {@code partitionkey} extension as the record key (one booking, one partition, in order) and writes
 * id and type as {@code ce_*} headers; the AMQP 1.0 connector writes them as {@code cloudEvents:*}
 * application properties. The RabbitMQ connector ignores it.
 * <li>RabbitMQ properties (routing key = type, message id, JSON, persistent) when the RabbitMQ connector is
 * on the class path; its class is only loaded then.
 * </ul>
 */
final class ConnectorMetadata {

    static final String CONTENT_TYPE = "application/json";
    static final URI SOURCE = URI.create("/booking-service");
    /** The Kafka binding's extension for the record key (the Kafka connector's CE_KAFKA_KEY). */
    static final String PARTITION_KEY = "partitionkey";

    private static final boolean RABBITMQ = present("io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata");

    private ConnectorMetadata() {
    }

    static Metadata of(OutgoingEvent event) {
        List<Object> metadata = new ArrayList<>(2);
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId().toString())
                .withType(event.type())
                .withSource(SOURCE)
                .withDataContentType(CONTENT_TYPE)
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC));
        if (event.orderKey() != null) {
            cloudEvent.withSubject(event.orderKey()).withExtension(PARTITION_KEY, event.orderKey());
        }
        metadata.add(cloudEvent.build());
        if (RABBITMQ) {
            metadata.add(RabbitMqMetadata.of(event));
        }
        return Metadata.from(metadata);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ConnectorMetadata.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
