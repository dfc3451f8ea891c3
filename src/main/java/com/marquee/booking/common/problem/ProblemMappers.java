package com.marquee.booking.common.problem;

import java.math.BigDecimal;
import java.time.Duration;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.marquee.booking.common.logging.RateLimitedLog;

import com.marquee.booking.common.json.DuplicateKeys;
import com.marquee.booking.common.json.UnstorableTextException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Renders every failure as RFC 9457 problem+json. Nothing internal (stack traces, SQL, class names)
 * ever reaches the client; unexpected failures are logged here instead.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** An outage fails every request: log it once in a while with a count, not once per request. */
    private final RateLimitedLog outageLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Problem problem = e.toProblem(request.path());
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response violation(ResteasyReactiveViolationException e, HttpServerRequest request) {
        return violations(e.getConstraintViolations(), request);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, HttpServerRequest request) {
        return violations(e.getConstraintViolations(), request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpServerRequest request) {
        String duplicate = DuplicateKeys.fieldOf(e);
        return duplicate != null ? duplicateKey(duplicate, request)
                : invalidBody("The request body is not valid JSON", null, request);
    }

    @ServerExceptionMapper
    public Response jsonLimits(StreamConstraintsException e, HttpServerRequest request) {
        return invalidBody("The request body exceeds the JSON limits (nesting, number or string length)", null,
                request);
    }

    @ServerExceptionMapper
    public Response numberOutOfRange(InputCoercionException e, HttpServerRequest request) {
        return invalidBody("A number in the request body is out of range", null, request);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return jsonMapping(e, request);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpServerRequest request) {
        String field = jsonPath(e.getPath());
        if (e.getCause() instanceof JsonParseException parse && DuplicateKeys.fieldOf(parse) != null) {
            // a key sent twice inside a value read as a tree (seats): Jackson names only the enclosing field
            return duplicateKey(DuplicateKeys.fieldOf(parse), request);
        }
        if (e instanceof UnstorableTextException text) {
            return invalidBody(null, new Problem.FieldError(field == null ? "body" : field, text.problem()), request);
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (field == null) {
            return invalidBody(target == null ? "The request body does not have the expected shape"
                    : "The request body must be a JSON " + describe(target), null, request);
        }
        return invalidBody(null, new Problem.FieldError(field, target == null ? "has an invalid value"
                : "must be " + article(describe(target))), request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        return invalidBody("The request body could not be read as JSON", null, request);
    }

    private Response json(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, request);
        }
        if (e instanceof StreamConstraintsException limits) {
            return jsonLimits(limits, request);
        }
        if (e instanceof InputCoercionException range) {
            return numberOutOfRange(range, request);
        }
        if (e instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, request);
        }
        return unreadableJson(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps what Jackson said in a bare 400
            return json(json, request);
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(StatusProblems.of(status, request.method().name(), request.path()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseFailures.isActiveSeatConflict(e)) {
            return respond(new ProblemException(409, "seats-unavailable", "Seats unavailable",
                    "One or more of the requested seats were taken at the same moment; try again")
                    .toProblem(request.path()));
        }
        if (DatabaseFailures.isUnavailable(e)) {
            outageLog.warn("Database unavailable; answering 503: " + e);
            return respond(new ServiceUnavailable("The booking database is unavailable; try again shortly")
                    .toProblem(request.path()));
        }
        LOG.errorf(e, "Unexpected failure for %s %s", request.method(), request.path());
        return respond(StatusProblems.internalError(request.path()));
    }

    private Response violations(Collection<? extends ConstraintViolation<?>> violations, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort((a, b) -> String.valueOf(a.field()).compareTo(String.valueOf(b.field())));
        InvalidRequest invalid = errors.isEmpty() ? InvalidRequest.body("The request is invalid")
                : new InvalidRequest(errors);
        return respond(invalid.toProblem(request.path()));
    }

    /** Jackson would keep the last value: refused, since we cannot know which one the client meant. */
    private Response duplicateKey(String field, HttpServerRequest request) {
        return invalidBody(null, new Problem.FieldError(field, "appears more than once"), request);
    }

    private Response invalidBody(String detail, Problem.FieldError error, HttpServerRequest request) {
        InvalidRequest invalid = error != null ? new InvalidRequest(List.of(error))
                : InvalidRequest.body(detail);
        return respond(invalid.toProblem(request.path()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code hold.body.seats[0].row} becomes {@code seats[0].row}: the body's own field names. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        boolean inBody = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                field.setLength(0);
                inBody = true;
                if (!isBodyParameter(node.getName())) {
                    field.append(snake(node.getName()));
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(snake(node.getName()));
        }
        String result = field.toString();
        return result.isEmpty() ? (inBody ? null : path.toString()) : result;
    }

    private static boolean isBodyParameter(String name) {
        return name.equals("body") || name.equals("request");
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? null : field.toString();
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "ISO-8601 timestamp (2026-11-19T19:30:00Z)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "object";
        }
        return "value of another type";
    }

    private static String article(String noun) {
        return (noun.matches("^[aeiouAEIOU].*") ? "an " : "a ") + noun;
    }
}
