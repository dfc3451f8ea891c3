// A consumer of the booking events exchange for bench/two-instances.sh, run as a single-file program:
//   java -cp <amqp-client jar>:<slf4j-api jar> EventTap.java <exchange> <queue> <out-file>
// It binds a durable queue with "#" (so events published while it reconnects after a broker restart
// wait for it), and writes one line per delivery, duplicates included, in arrival order:
//   <arrival number> TAB <message id = event_id> TAB <routing key> TAB <arrival epoch ms>
// It acknowledges a delivery only after writing it, and runs until killed.
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

public class EventTap {

    public static void main(String[] args) throws Exception {
        String exchange = args[0];
        String queue = args[1];
        BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672")));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        Connection connection = factory.newConnection("booking bench event tap");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        // durable, and gone 10 minutes after the last consumer left
        channel.queueDeclare(queue, true, false, false, Map.of("x-expires", 600_000));
        channel.queueBind(queue, exchange, "#");
        channel.basicQos(1000);
        long[] arrivals = { 0 };
        channel.basicConsume(queue, false, (tag, delivery) -> {
            synchronized (out) {
                out.write(++arrivals[0] + "\t" + delivery.getProperties().getMessageId() + "\t"
                        + delivery.getEnvelope().getRoutingKey() + "\t" + System.currentTimeMillis() + "\n");
                out.flush();
            }
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, tag -> {
        });
        System.out.println("tap ready: " + queue + " bound to " + exchange);
        Thread.currentThread().join();
    }
}
