package com.marquee.booking.support;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the stub servers share: a Vert.x HTTP server on a free local port that can stop listening (connections
 * are then refused) and listen again on the same port.
 */
final class LocalHttpServer {

    private final Vertx vertx = Vertx.vertx();
    private final Handler<HttpServerRequest> handler;
    private volatile HttpServer server;
    private volatile int port;

    LocalHttpServer(Handler<HttpServerRequest> handler) {
        this.handler = handler;
    }

    void start() {
        server = await(vertx.createHttpServer().requestHandler(handler).listen(port, "127.0.0.1"));
        port = server.actualPort();
    }

    /** Closes the listening socket: calls are refused until {@link #restart()} listens on the same port. */
    void stop() {
        HttpServer current = server;
        if (current != null) {
            await(current.close());
            server = null;
        }
    }

    void restart() {
        if (server == null) {
            start();
        }
    }

    void close() {
        stop();
        await(vertx.close());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Vertx vertx() {
        return vertx;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stub server: " + e.getMessage(), e);
        }
    }
}
