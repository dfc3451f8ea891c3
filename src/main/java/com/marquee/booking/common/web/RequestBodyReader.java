package com.marquee.booking.common.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request's whole body before the resources see it, so that the two ways a body can go wrong are answered
 * as problems: larger than {@code maxBytes} (413, with or without a Content-Length) and not complete within
 * {@code timeoutMillis} (408, also when it trickles in a byte at a time). The body is handed on as it came, never
 * parsed (unlike Vert.x' BodyHandler, which would decode a form and drop the raw text). Requests without a body
 * pass untouched.
 */
final class RequestBodyReader implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final long maxBytes;
    private final long timeoutMillis;

    RequestBodyReader(Vertx vertx, long maxBytes, long timeoutMillis) {
        this.vertx = vertx;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if (!chunked && (length == null || length.equals("0"))) {
            context.next();
            return;
        }
        if (length != null && length.length() < 19 && Long.parseLong(length) > maxBytes) {
            context.fail(413);
            return;
        }
        Buffer body = Buffer.buffer();
        long timer = vertx.setTimer(timeoutMillis, id -> stop(context, 408));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                vertx.cancelTimer(timer);
                stop(context, 413);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            vertx.cancelTimer(timer);
            if (!context.failed()) {
                context.setBody(body);
                context.next();
            }
        });
        request.exceptionHandler(failure -> {
            vertx.cancelTimer(timer);
            if (!context.failed() && !context.response().ended()) {
                context.fail(400, failure);
            }
        });
        request.resume();
    }

    /** Stops reading (what else arrives is dropped; the answer closes the connection) and fails with {@code status}. */
    private static void stop(RoutingContext context, int status) {
        context.request().handler(null);
        if (!context.failed() && !context.response().headWritten()) {
            context.fail(status);
        }
    }
}
