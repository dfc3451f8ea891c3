package com.marquee.booking.seat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;

/**
 * Turns the seats of a request into {@link Seat}s. Rows are one letter A-Z (any case) or an integer
 * >= 1; columns integers >= 1. Booleans, floats, numeric strings, multi-letter strings, zero and
 * negatives are refused, each with the field that carried it.
 */
public final class SeatParser {

    private SeatParser() {
    }

    /** Parses a non-empty list of at most {@code maxSeats} distinct seats. */
    public static List<Seat> parse(JsonNode seats, int maxSeats, String field) {
        if (seats == null || seats.isNull() || seats.isMissingNode()) {
            throw new InvalidRequest(field, "is required");
        }
        if (!seats.isArray()) {
            throw new InvalidRequest(field, "must be an array of {\"row\", \"col\"} objects");
        }
        if (seats.isEmpty()) {
            throw new InvalidRequest(field, "must name at least one seat");
        }
        if (seats.size() > maxSeats) {
            throw new InvalidRequest(field, "may name at most " + maxSeats + " seats");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Seat> parsed = new ArrayList<>(seats.size());
        Map<Seat, Integer> seen = new HashMap<>();
        for (int i = 0; i < seats.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode seat = seats.get(i);
            if (!seat.isObject()) {
                errors.add(new FieldError(at, "must be an object like {\"row\": \"A\", \"col\": 1}"));
                continue;
            }
            Integer row = row(seat.get("row"), at + ".row", errors);
            Integer col = positiveInt(seat.get("col"), at + ".col", errors);
            if (row == null || col == null) {
                continue;
            }
            Seat parsedSeat = new Seat(row, col, seat.get("row").isTextual());
            Integer first = seen.putIfAbsent(parsedSeat, i);
            if (first != null) {
                errors.add(new FieldError(at, "repeats seat " + parsedSeat.label() + " (also " + field + "[" + first
                        + "])"));
                continue;
            }
            parsed.add(parsedSeat);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return parsed;
    }

    /** Parses one row given as a letter or a number, e.g. from a query parameter. */
    public static Integer rowToken(String token) {
        if (token.length() == 1 && Character.isLetter(token.charAt(0)) && token.charAt(0) < 128) {
            return Character.toUpperCase(token.charAt(0)) - 'A' + 1;
        }
        if (token.matches("[0-9]{1,4}") && Integer.parseInt(token) >= 1) {
            return Integer.parseInt(token);
        }
        return null;
    }

    private static Integer row(JsonNode row, String field, List<FieldError> errors) {
        if (row == null || row.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (row.isTextual()) {
            String text = row.textValue();
            if (text.length() == 1 && text.charAt(0) < 128 && Character.isLetter(text.charAt(0))) {
                return Character.toUpperCase(text.charAt(0)) - 'A' + 1;
            }
            errors.add(new FieldError(field, "must be one letter A-Z or an integer >= 1"));
            return null;
        }
        return positiveInt(row, field, errors);
    }

    private static Integer positiveInt(JsonNode value, String field, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isIntegralNumber()) {
            errors.add(new FieldError(field, field.endsWith(".row") ? "must be one letter A-Z or an integer >= 1"
                    : "must be an integer >= 1"));
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > Short.MAX_VALUE) {
            errors.add(new FieldError(field, "must be an integer >= 1 within the screen"));
            return null;
        }
        return value.intValue();
    }
}
