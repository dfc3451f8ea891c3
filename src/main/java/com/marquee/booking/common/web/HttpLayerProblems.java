package com.marquee.booking.common.web;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.problem.Problem;
import com.marquee.booking.common.problem.StatusProblems;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Makes the answers the HTTP layer gives on its own (before or around the resources) RFC 9457 problems like
 * every other error, and keeps a client's mistakes out of the error log:
 * <ul>
 * <li>414 / 431: URIs and headers over {@code booking.http.max-uri-length} / {@code max-header-size}, checked
 * here first (the HTTP codec's own limits are set higher by {@link HttpServerLimits});</li>
 * <li>413 / 408: bodies over {@code quarkus.http.limits.max-body-size} (with or without a Content-Length) or
 * not complete within {@code booking.http.body-timeout}, read by {@link RequestBodyReader} before Quarkus' own
 * check (which answers an empty 413) and before the resources;</li>
 * <li>every router failure: a missing Host header, bad percent-encoding, unknown routes outside the
 * resources; 4xx are logged at DEBUG, 5xx (our bugs) at ERROR.</li>
 * </ul>
 * It also tells keep-alive clients ({@code Keep-Alive: timeout=N}) to drop an idle connection before
 * {@code booking.http.idle-timeout} closes it under them.
 * Requests the HTTP codec itself refuses (damaged framing, URIs or headers beyond its limits) never reach a
 * router: Vert.x answers those with a bare status, and Quarkus offers no hook (quarkusio/quarkus#55082).
 */
@ApplicationScoped
public class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    /** Statuses the router answers on its own when no failure handler did (e.g. a path it cannot decode). */
    private static final int[] ROUTER_STATUSES = { 400, 404, 405, 406, 408, 413, 414, 415, 431, 500, 501 };

    private static final String KEEP_ALIVE = "Keep-Alive";

    private final BookingConfig.Http http;
    private final String keepAlive;
    private final long maxBodyBytes;
    private final RoutingProblems problems;
    private final Vertx vertx;

    public HttpLayerProblems(BookingConfig config, RoutingProblems problems, Vertx vertx,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.http = config.http();
        this.keepAlive = "timeout=" + Math.max(1, http.idleTimeout().toSeconds() - 1);
        this.problems = problems;
        this.vertx = vertx;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkRequest);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // before Quarkus' own body limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT), which answers without a body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(new RequestBodyReader(vertx, maxBodyBytes, http.bodyTimeout().toMillis()));
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, context -> answer(context, status, context.failure()));
        }
    }

    private void checkRequest(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > http.maxUriLength()) {
            answer(context, 414, null);
            return;
        }
        if (headerBytes(request) > http.maxHeaderSize().asLongValue()) {
            answer(context, 431, null);
            return;
        }
        try {
            context.normalizedPath(); // decoded once here (and cached): later handlers rely on it
        } catch (IllegalArgumentException badEscape) {
            // with quarkus-security's authentication handler in the chain a route handler decodes the path first
            // and its failure would surface as a 500; the client's mistake is a 400
            answer(context, 400, badEscape);
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            // tells keep-alive clients to stop reusing the connection before the idle timeout closes it
            context.response().putHeader(KEEP_ALIVE, keepAlive);
        }
        context.next();
    }

    private void failed(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode()
                : context.failure() instanceof HttpException e ? e.getStatusCode() : 500;
        answer(context, status, context.failure());
    }

    private void answer(RoutingContext context, int status, Throwable failure) {
        HttpServerRequest request = context.request();
        if (status >= 500) {
            LOG.errorf(failure, "Unexpected failure for %s %s", request.method(), request.path());
        } else {
            LOG.debugf("%d for %s %s: %s", status, request.method(), request.path(), failure);
        }
        // after these the rest of the request may still be arriving, or its framing cannot be trusted
        boolean close = status == 400 || status == 408 || status == 413 || status == 414 || status == 431;
        problems.send(context, problem(status, request), close);
    }

    private Problem problem(int status, HttpServerRequest request) {
        String path = request.path();
        String detail = switch (status) {
            case 400 -> request.authority() == null ? "The request has no Host header" : null;
            case 408 -> "The request body did not arrive within " + http.bodyTimeout().toSeconds() + " s";
            case 413 -> "The request body is larger than " + maxBodyBytes + " bytes";
            case 414 -> "The request URI is longer than " + http.maxUriLength() + " bytes";
            case 431 -> "The request headers are larger than " + http.maxHeaderSize().asLongValue() + " bytes";
            default -> null;
        };
        return detail == null ? StatusProblems.of(status, request.method().name(), path)
                : StatusProblems.withDetail(status, detail, path);
    }

    /** Headers as they came on the wire: "name: value" and CRLF per line. */
    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}
