package com.marquee.booking.common.web;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server's own limits, set from {@code booking.http.*}:
 * <ul>
 * <li>idle timeout: a connection on which nothing moves for {@code booking.http.idle-timeout} is closed, so a
 * client that stops halfway through its request does not hold a connection for good;</li>
 * <li>codec limits {@value #CODEC_HEADROOM} times ours: a request over our URI and header limits still reaches
 * {@link HttpLayerProblems}, which answers with a problem; only one over the codec's limits gets Vert.x's bare
 * 414 / 431.</li>
 * </ul>
 */
@Singleton
public class HttpServerLimits implements HttpServerOptionsCustomizer {

    static final int CODEC_HEADROOM = 4;

    /** "POST " + URI + " HTTP/1.1": room for the method and version around the longest URI. */
    private static final int REQUEST_LINE_OVERHEAD = 64;

    private final BookingConfig.Http http;

    public HttpServerLimits(BookingConfig config) {
        this.http = config.http();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.setIdleTimeout((int) http.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setMaxInitialLineLength(Math.max(options.getMaxInitialLineLength(),
                CODEC_HEADROOM * http.maxUriLength() + REQUEST_LINE_OVERHEAD));
        options.setMaxHeaderSize(Math.max(options.getMaxHeaderSize(),
                (int) Math.min(Integer.MAX_VALUE, CODEC_HEADROOM * http.maxHeaderSize().asLongValue())));
    }
}
