package com.marquee.booking.common.web;

import com.marquee.booking.common.problem.InvalidRequest;

/**
 * Query parameters arrive as text and are checked here: JAX-RS would answer a conversion failure
 * with a 404, which tells a client nothing about its mistake.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intParam(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (!trimmed.matches("-?[0-9]{1,9}")) {
            throw new InvalidRequest(name, "must be an integer between " + min + " and " + max);
        }
        int parsed = Integer.parseInt(trimmed);
        if (parsed < min || parsed > max) {
            throw new InvalidRequest(name, "must be an integer between " + min + " and " + max);
        }
        return parsed;
    }

    public static boolean booleanParam(String name, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidRequest(name, "must be true or false");
        };
    }
}
