package com.marquee.booking.common.security;

/**
 * Who is calling, as far as the rules care: taken from a verified token only, never from a request body.
 * {@link #ANONYMOUS} is a request without a token, which exists only in the {@code off} and {@code optional}
 * modes and is served as before tokens existed; {@code userId} is null for an operator whose subject is not a
 * user id.
 */
public record Caller(Kind kind, Long userId, String subject, String email, String firstName, String lastName) {

    public enum Kind {
        ANONYMOUS, USER, OPERATOR
    }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, null, null, null, null);

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    public boolean operator() {
        return kind == Kind.OPERATOR;
    }

    /** A user token acting for this user id, or a caller the rules do not restrict (anonymous, operator). */
    public boolean mayActFor(long ownerId) {
        return kind != Kind.USER || userId == ownerId;
    }

    /** A payment's {@code created_by} naming this user: the seed's integer form ({@code 7}) or {@code user:7}. */
    public boolean isPayer(String createdBy) {
        return kind == Kind.USER && createdBy != null
                && (createdBy.equals(Long.toString(userId)) || createdBy.equals(payerName()));
    }

    /** How this user is written as a payment's {@code created_by} (as the checkout writes it). */
    public String payerName() {
        return "user:" + userId;
    }

    /** For messages: "user 7" or "operator ops-bot". */
    public String describe() {
        return switch (kind) {
            case ANONYMOUS -> "an anonymous caller";
            case USER -> "user " + userId;
            case OPERATOR -> "operator " + subject;
        };
    }
}
