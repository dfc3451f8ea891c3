package com.marquee.booking.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy between the app and the machine's RabbitMQ, so tests can take "the broker" away without
 * stopping the shared one: {@link #stop()} closes the listening socket and cuts every open connection
 * (as a broker restart does); {@link #start()} listens again on the same port.
 */
public final class BrokerProxy {

    private final Vertx vertx = Vertx.vertx();
    private final NetClient client = vertx.createNetClient();
    private final String brokerHost;
    private final int brokerPort;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile NetServer server;
    private volatile int port;

    public BrokerProxy(String brokerHost, int brokerPort) {
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
    }

    public synchronized BrokerProxy start() {
        if (server == null) {
            server = await(vertx.createNetServer().connectHandler(this::forward).listen(port, "127.0.0.1"));
            port = server.actualPort();
        }
        return this;
    }

    /** Refuses new connections and resets open ones until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        for (NetSocket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    public void close() {
        stop();
        await(vertx.close());
    }

    public int port() {
        return port;
    }

    private void forward(NetSocket app) {
        app.pause();
        sockets.add(app);
        client.connect(brokerPort, brokerHost).onComplete(connected -> {
            if (connected.failed()) {
                app.close();
                return;
            }
            NetSocket broker = connected.result();
            sockets.add(broker);
            app.handler(broker::write);
            broker.handler(app::write);
            app.closeHandler(v -> broker.close());
            broker.closeHandler(v -> app.close());
            app.resume();
        });
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker proxy: " + e.getMessage(), e);
        }
    }
}
