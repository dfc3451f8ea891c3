package com.marquee.booking.seat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.marquee.booking.common.problem.Problem;

import io.vertx.core.http.HttpServerRequest;

/** The one problem the generic mappers cannot render: a 503 that says when to come back. */
public class SeatStreamProblems {

    @ServerExceptionMapper
    public Response limitReached(StreamLimitReached e, HttpServerRequest request) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(e.toProblem(request.path())).build();
    }
}
