package com.marquee.booking.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * A consumer of the app's event exchange, as a downstream service would bind one: an exclusive,
 * auto-deleted queue of the machine's RabbitMQ (directly, not through the test's proxy) bound with
 * {@code #}. It records every delivery in arrival order, duplicates included. Each test build uses its own
 * exchange ({@code booking.events.<test schema>}), so other builds' events never arrive here.
 */
public final class EventQueue implements AutoCloseable {

    public static final String BROKER_HOST = "127.0.0.1";
    public static final int BROKER_PORT = 5672;

    /** One delivery as the consumer saw it. */
    public record Delivery(String routingKey, String messageId, String contentType, Integer deliveryMode,
            String body) {
    }

    private final Connection connection;
    private final Channel channel;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private EventQueue(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** Binds a new queue to the app's exchange; the exchange is declared as the app declares it. */
    public static EventQueue bind() {
        String exchange = ConfigProvider.getConfig().getValue("booking.events.exchange", String.class);
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(BROKER_HOST);
            factory.setPort(BROKER_PORT);
            Connection connection = factory.newConnection("booking-service tests");
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, "#");
            EventQueue events = new EventQueue(connection, channel);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) {
                    events.deliveries.add(new Delivery(envelope.getRoutingKey(), properties.getMessageId(),
                            properties.getContentType(), properties.getDeliveryMode(),
                            new String(body, StandardCharsets.UTF_8)));
                }
            });
            return events;
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind a test queue to " + exchange + ": " + e, e);
        }
    }

    /** Every delivery so far, in arrival order. */
    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Deliveries of the given event ids, in arrival order, waiting until each arrived at least once. */
    public List<Delivery> awaitAll(Collection<String> eventIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> matching = deliveries.stream().filter(d -> eventIds.contains(d.messageId())).toList();
            Set<String> seen = new HashSet<>();
            matching.forEach(d -> seen.add(d.messageId()));
            if (seen.containsAll(eventIds)) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                Set<String> missing = new HashSet<>(eventIds);
                missing.removeAll(seen);
                throw new AssertionError(missing.size() + " of " + eventIds.size() + " events never arrived: "
                        + missing);
            }
            Pause.millis(20);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            connection.close();
        } catch (Exception e) {
            // the queue is exclusive and auto-deleted with the connection anyway
        }
    }

}
