package com.marquee.booking.common.idempotency;

import com.marquee.booking.common.problem.ProblemException;

/** The Idempotency-Key was already used: with another request (422), or its first request still runs (409). */
public class IdempotencyConflict extends ProblemException {

    private IdempotencyConflict(int status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static IdempotencyConflict reused(String key) {
        return new IdempotencyConflict(422, "idempotency-key-reused", "Idempotency key reused",
                "Idempotency-Key " + key + " was already used with a different request; use a new key for a new"
                        + " request");
    }

    static IdempotencyConflict inFlight(String key) {
        return new IdempotencyConflict(409, "idempotency-request-in-progress", "Request in progress",
                "A request with Idempotency-Key " + key + " is still being processed; retry shortly to get its"
                        + " answer");
    }
}
