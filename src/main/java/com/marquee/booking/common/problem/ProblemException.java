package com.marquee.booking.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure a client can cause or act on, rendered as problem+json by {@link ProblemMappers}.
 * The slug names both the problem type ({@code /problems/<slug>}) and, in snake case, the error code.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final List<?> seats;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, null);
    }

    protected ProblemException(int status, String slug, String title, String detail,
            List<Problem.FieldError> errors, List<?> seats) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.seats = seats;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    /** Response headers the problem needs (a challenge, a Retry-After); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }

    public Problem toProblem(String instance) {
        return new Problem("/problems/" + slug, title, status, getMessage(), instance, slug.replace('-', '_'),
                errors, seats);
    }

    /** These are expected outcomes, not bugs: a stack trace would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
