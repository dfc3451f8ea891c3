package com.marquee.booking.common.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.problem.Problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a {@link Problem} from the HTTP layer, where no JAX-RS exception mapper runs (body limits, router
 * failures, timeouts): the same record written by the same ObjectMapper, so clients see one shape.
 */
@ApplicationScoped
public class RoutingProblems {

    private static final Logger LOG = Logger.getLogger(RoutingProblems.class);

    private final ObjectMapper json;

    public RoutingProblems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Answers with {@code problem}; with {@code close}, the HTTP/1 connection is closed afterwards (the rest of
     * the request may still be on its way, or its framing cannot be trusted).
     */
    public void send(RoutingContext context, Problem problem, boolean close) {
        HttpServerResponse response = context.response();
        boolean closeConnection = close && context.request().version() != HttpVersion.HTTP_2;
        if (response.headWritten() || response.closed()) {
            LOG.debugf("Answer already started, dropping %s for %s", problem.error(), problem.instance());
            if (closeConnection && !response.closed()) {
                context.request().connection().close();
            }
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (closeConnection) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(Buffer.buffer(write(problem))).onComplete(done -> {
            if (closeConnection) {
                context.request().connection().close();
            }
        });
    }

    private byte[] write(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem cannot be written as JSON", e);
        }
    }
}
