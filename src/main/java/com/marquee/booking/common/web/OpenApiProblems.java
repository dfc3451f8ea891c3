package com.marquee.booking.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.marquee.booking.common.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Completes the OpenAPI document with what every operation shares, so that the resources only declare what is
 * particular to them. It runs when the document is built ({@code RunStage.BUILD}), so the document exported at build
 * time ({@code target/openapi}, which clients are generated from) and {@code /q/openapi} are the same; a filter
 * named in {@code mp.openapi.filter} would only run when the document is served.
 * <ul>
 * <li>every error response ({@code 4xx}/{@code 5xx}) is {@code application/problem+json} with the
 * {@code Problem} schema and an example for its status, unless the operation gave content of its own; except 413,
 * which the HTTP server answers with no body;</li>
 * <li>every {@code /api} operation can answer 503 (the database or a needed upstream is down), and every one
 * with a request body 400 (invalid input) and 413 (body over the size limit);</li>
 * <li>{@code Problem.seats} is an array of {@code SeatRef} (a name reference: common knows no seat types);</li>
 * <li>a {@code $ref} or a {@code oneOf} stands alone: the scanner adds {@code type: object} beside them for fields
 * declared {@code Object} (a seat row is a letter or a number), which in OpenAPI 3.1 would forbid every row.</li>
 * </ul>
 * The success responses, their examples and the specific problems (402, 404, 409, 415, 422) are on the
 * resource methods.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiProblems implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String SEAT_REF_SCHEMA = "#/components/schemas/SeatRef";

    /** Default description and example of each problem status, as the service answers it. */
    private static final Map<String, StatusProblem> PROBLEMS = new TreeMap<>(Map.of(
            "400", new StatusProblem("Invalid input: malformed JSON, a wrong JSON type, a value out of range or an"
                    + " unknown query value; errors[] names each field",
                    "invalid-request", "Invalid request", "seats[0].row must be one letter A-Z or an integer >= 1",
                    fields("field", "seats[0].row", "message", "must be one letter A-Z or an integer >= 1"), null),
            "402", new StatusProblem("The payment provider declined the charge: the payment is failed",
                    "payment-declined", "Payment declined", "Payment 77 of 20.00 was declined: card declined", null,
                    null),
            "404", new StatusProblem("An id in the path or body names nothing", "booking-not-found",
                    "Booking not found", "Booking 501 does not exist", null, null),
            "409", new StatusProblem("Conflict with the current state; nothing was changed", "seats-unavailable",
                    "Seats unavailable", "Seat A1 is already booked or on hold", null,
                    fields("row", "A", "col", 1, "row_number", 1, "row_label", "A")),
            "413", new StatusProblem("The request body is larger than the limit (64 KB). The HTTP server refuses it"
                    + " before the request is read, with no body (not a problem document)", null, null, null, null,
                    null),
            "415", new StatusProblem("The request body is not application/json", "unsupported-media-type",
                    "Unsupported Media Type", "Send the request body as application/json", null, null),
            "422", new StatusProblem("The Idempotency-Key was used before with a different request",
                    "idempotency-key-reused", "Idempotency key reused", "Idempotency-Key 0b6e... was already used"
                            + " with a different request; use a new key for a new request", null, null),
            "503", new StatusProblem("The database or a needed upstream service is unavailable; retry shortly",
                    "service-unavailable", "Service unavailable",
                    "The booking database is unavailable; try again shortly", null, null)));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema problem = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get(Problem.class.getSimpleName());
        if (problem == null) {
            throw new IllegalStateException("The Problem schema is missing: is common.problem.Problem still"
                    + " annotated with @Schema?");
        }
        problem.addProperty("seats", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .description(problem.getProperties().get("seats").getDescription())
                .items(OASFactory.createSchema().ref(SEAT_REF_SCHEMA)));
        openAPI.getComponents().getSchemas().values().forEach(OpenApiProblems::untype);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                addIfAbsent(operation, "503");
                if (operation.getRequestBody() != null) {
                    addIfAbsent(operation, "400");
                    addIfAbsent(operation, "413");
                }
            }
            describeProblems(operation, path);
        }));
    }

    private static void addIfAbsent(Operation operation, String status) {
        APIResponses responses = operation.getResponses();
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status,
                    OASFactory.createAPIResponse().description(PROBLEMS.get(status).description()));
        }
    }

    /** Error responses without content of their own get the problem body, ordered by status. */
    private static void describeProblems(Operation operation, String path) {
        Map<String, APIResponse> byStatus = new TreeMap<>(operation.getResponses().getAPIResponses());
        byStatus.forEach((status, response) -> {
            if (!isProblem(status) || (response.getContent() != null && response.getContent().getMediaTypes() != null
                    && !response.getContent().getMediaTypes().isEmpty())) {
                return;
            }
            StatusProblem known = PROBLEMS.get(status);
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(known != null ? known.description() : "Problem");
            }
            if (known == null || known.slug() != null) {
                response.setContent(problemContent(status, known, path));
            }
        });
        operation.getResponses().setAPIResponses(byStatus);
    }

    /** Drops the type the scanner put beside a {@code $ref} or a {@code oneOf}, in this schema and those it holds. */
    private static void untype(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null || schema.getOneOf() != null) {
            schema.setType(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiProblems::untype);
        }
        untype(schema.getItems());
        if (schema.getOneOf() != null) {
            schema.getOneOf().forEach(OpenApiProblems::untype);
        }
    }

    private static boolean isProblem(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Content problemContent(String status, StatusProblem known, String path) {
        var media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        if (known != null) {
            media.addExample(known.slug(), known.example(Integer.parseInt(status), path));
        }
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }

    /**
     * A status's usual problem: {@code fieldError} and {@code seat} are the extension members it carries; no
     * {@code slug}: the status comes without a problem document.
     */
    private record StatusProblem(String description, String slug, String title, String detail,
            Map<String, Object> fieldError, Map<String, Object> seat) {

        Example example(int status, String path) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "/problems/" + slug);
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            body.put("instance", path);
            body.put("error", slug.replace('-', '_'));
            if (fieldError != null) {
                body.put("errors", List.of(fieldError));
            }
            if (seat != null) {
                body.put("seats", List.of(seat));
            }
            return OASFactory.createExample().summary(title).value(body);
        }
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
