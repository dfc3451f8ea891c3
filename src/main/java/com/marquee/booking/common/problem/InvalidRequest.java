package com.marquee.booking.common.problem;

import java.util.List;

/** 400: the request is well-formed JSON but breaks the contract; names every offending field. */
public class InvalidRequest extends ProblemException {

    public InvalidRequest(List<Problem.FieldError> errors) {
        super(400, "invalid-request", "Invalid request", describe(errors), List.copyOf(errors), null);
    }

    public InvalidRequest(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    /** The request as a whole is unusable (not JSON, wrong shape): there is no field to name. */
    public static InvalidRequest body(String detail) {
        return new InvalidRequest(detail);
    }

    private InvalidRequest(String detail) {
        super(400, "invalid-request", "Invalid request", detail, null, null);
    }

    private static String describe(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String sentence = first.field() == null ? first.message() : first.field() + " " + first.message();
        return errors.size() == 1 ? sentence : sentence + " (and " + (errors.size() - 1) + " more)";
    }
}
