package com.marquee.booking.seat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem;
import com.marquee.booking.common.problem.Problem.FieldError;

/** The seat notation of API.md: letters or integers for rows, integers for columns, each refusal by field. */
class SeatParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lettersAndIntegersNameTheSameRowsAndKeepTheirNotation() {
        List<Seat> seats = parse("[{\"row\": \"A\", \"col\": 1}, {\"row\": \"c\", \"col\": 2}, {\"row\": 26, \"col\": 3}]");

        assertEquals(List.of(new Seat(1, 1, true), new Seat(3, 2, true), new Seat(26, 3, false)), seats);
        assertEquals("A", seats.get(0).rowValue());
        assertEquals("C", seats.get(1).rowValue(), "a lower-case letter answers upper case");
        assertEquals(26, seats.get(2).rowValue());
        assertEquals("Z3", seats.get(2).label());
    }

    @Test
    void rowsAndColumnsUpToTheSmallintRangeAreAccepted() {
        assertEquals(List.of(new Seat(32767, 32767, false)), parse("[{\"row\": 32767, \"col\": 32767}]"));
    }

    @Test
    void theSameSeatTwiceIsRefusedEvenInAnotherNotation() {
        List<FieldError> errors = refused("[{\"row\": \"A\", \"col\": 1}, {\"row\": 1, \"col\": 1}]");

        assertEquals(List.of(new FieldError("seats[1]", "repeats seat A1 (also seats[0])")), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"AA\"", "\"1\"", "\"\"", "\"Ä\"", "\"é\"", "true", "1.5", "1.0", "{}", "[]" })
    void aRowThatIsNeitherOneLetterNorAnIntegerIsRefusedByField(String row) {
        assertEquals(List.of(new FieldError("seats[0].row", "must be one letter A-Z or an integer >= 1")),
                refused("[{\"row\": " + row + ", \"col\": 1}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"1\"", "true", "2.5", "\"A\"" })
    void aColumnThatIsNotAnIntegerIsRefusedByField(String col) {
        assertEquals(List.of(new FieldError("seats[0].col", "must be an integer >= 1")),
                refused("[{\"row\": 1, \"col\": " + col + "}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "32768", "9999999999" })
    void integersOutOfRangeAreRefusedByField(String value) {
        assertEquals(List.of(new FieldError("seats[0].row", "must be an integer >= 1 within the screen"),
                new FieldError("seats[0].col", "must be an integer >= 1 within the screen")),
                refused("[{\"row\": " + value + ", \"col\": " + value + "}]"));
    }

    @Test
    void missingOrNullMembersAreRequired() {
        assertEquals(List.of(new FieldError("seats[0].row", "is required"), new FieldError("seats[1].col", "is required")),
                refused("[{\"col\": 1}, {\"row\": 1, \"col\": null}]"));
    }

    @Test
    void everyBadSeatIsNamedNotJustTheFirst() {
        List<FieldError> errors = refused("[{\"row\": \"AB\", \"col\": 1}, 7, {\"row\": 2, \"col\": 0}]");

        assertEquals(List.of("seats[0].row", "seats[1]", "seats[2].col"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void theListItselfMustBeANonEmptyArrayWithinTheLimit() {
        assertEquals("seats is required", detail(null));
        assertEquals("seats is required", detail("null"));
        assertEquals("seats must be an array of {\"row\", \"col\"} objects", detail("{\"row\": 1, \"col\": 1}"));
        assertEquals("seats must name at least one seat", detail("[]"));
        assertEquals("seats may name at most 2 seats",
                detail("[{\"row\": 1, \"col\": 1}, {\"row\": 1, \"col\": 2}, {\"row\": 1, \"col\": 3}]"));
    }

    @Test
    void errorsUseTheFieldNameTheCallerGives() {
        InvalidRequest e = assertThrows(InvalidRequest.class,
                () -> SeatParser.parse(JSON.readTree("[{\"row\": 0, \"col\": 1}]"), 2, "unavailable"));
        assertEquals("unavailable[0].row", e.toProblem("/x").errors().get(0).field());
    }

    @Test
    void rowTokensOfQueryParametersAreLettersOrPositiveNumbers() {
        assertEquals(1, SeatParser.rowToken("a"));
        assertEquals(26, SeatParser.rowToken("Z"));
        assertEquals(12, SeatParser.rowToken("12"));
        assertEquals(null, SeatParser.rowToken("0"));
        assertEquals(null, SeatParser.rowToken("AA"));
        assertEquals(null, SeatParser.rowToken("-1"));
        assertEquals(null, SeatParser.rowToken("12345"));
        assertEquals(null, SeatParser.rowToken("ß"));
    }

    private static List<Seat> parse(String seats) {
        try {
            return SeatParser.parse(JSON.readTree(seats), 10, "seats");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<FieldError> refused(String seats) {
        Problem problem = assertThrows(InvalidRequest.class, () -> parse(seats)).toProblem("/api/bookings");
        assertEquals(400, problem.status());
        return problem.errors();
    }

    private static String detail(String seats) {
        JsonNode node;
        try {
            node = seats == null ? null : JSON.readTree(seats);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return assertThrows(InvalidRequest.class, () -> SeatParser.parse(node, 2, "seats")).getMessage();
    }
}
