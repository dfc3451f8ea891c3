package com.marquee.booking.common.problem;

import java.util.Locale;

import jakarta.ws.rs.core.Response;

/**
 * Problems that are just an HTTP status (404, 405, 413, ...), alike whether a resource, the JAX-RS layer or
 * the HTTP layer below it answers: the title is the status' reason phrase and the slug follows from it
 * ({@code /problems/request-entity-too-large}, {@code request_entity_too_large}).
 */
public final class StatusProblems {

    private StatusProblems() {
    }

    /** The problem for {@code status} with the sentence we use for it. */
    public static Problem of(int status, String method, String path) {
        String detail = switch (status) {
            case 400 -> "The request could not be read: check the percent-encoding of its path and query";
            case 404 -> "No resource at " + path;
            case 405 -> method + " is not allowed on " + path;
            case 406 -> "This resource answers with application/json only";
            case 415 -> "Send the request body as application/json";
            default -> null;
        };
        return withDetail(status, detail, path);
    }

    /** The problem for {@code status} with a sentence of the caller's (the reason phrase if null). */
    public static Problem withDetail(int status, String detail, String instance) {
        if (status >= 500 && status != 503) {
            return internalError(instance);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request rejected";
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new Problem("/problems/" + slug, title, status, detail == null ? title : detail, instance,
                slug.replace('-', '_'), null, null);
    }

    /** A failure of ours: says nothing about what went wrong inside (that is logged). */
    public static Problem internalError(String instance) {
        return new Problem("/problems/internal-error", "Internal error", 500,
                "The service failed to handle this request; it has been logged", instance, "internal_error", null, null);
    }
}
