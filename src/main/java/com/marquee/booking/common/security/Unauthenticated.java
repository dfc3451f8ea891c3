package com.marquee.booking.common.security;

import java.util.Map;

import com.marquee.booking.common.problem.ProblemException;

/**
 * 401: no token where one is required, or a token that is not valid. Carries the RFC 6750 challenge
 * ({@code WWW-Authenticate: Bearer}, with {@code error="invalid_token"} when a token was sent).
 */
public class Unauthenticated extends ProblemException {

    private final String challenge;

    private Unauthenticated(String detail, String challenge) {
        super(401, "unauthorized", "Unauthorized", detail);
        this.challenge = challenge;
    }

    public static Unauthenticated missing() {
        return new Unauthenticated("This request needs a token from the User Service: send Authorization: Bearer <token>",
                "Bearer realm=\"booking-service\"");
    }

    public static Unauthenticated invalid(String reason) {
        return new Unauthenticated(reason + "; log in again and send the new token",
                "Bearer realm=\"booking-service\", error=\"invalid_token\", error_description=\"" + reason + "\"");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", challenge);
    }
}
