package com.marquee.booking.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The request JSON rules of API.md: timestamps are ISO-8601 with an offset, never epoch numbers; IDs and counts
 * are JSON integers, never strings, floats or booleans. Applied after the Java time module, as Quarkus does.
 */
class StrictJsonCustomizerTest {

    record Stamp(Instant at) {
    }

    record Ids(Long id, Integer count, Boolean flag, String name) {
    }

    private static final ObjectMapper JSON = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-19T10:40:00Z", "2026-11-19T11:40:00+01:00", "2026-11-19T05:40:00-05:00",
            "2026-11-19T10:40:00.000Z", " 2026-11-19T10:40:00Z ", "2026-11-19T10:40Z" })
    void timestampsWithAnOffsetOrZAreTheInstantTheyName(String text) throws JsonProcessingException {
        assertEquals(Instant.parse("2026-11-19T10:40:00Z"), read("{\"at\": \"" + text + "\"}", Stamp.class).at());
    }

    @Test
    void fractionsOfASecondAreKept() throws JsonProcessingException {
        assertEquals(Instant.parse("2026-11-19T10:40:00.123456Z"),
                read("{\"at\": \"2026-11-19T10:40:00.123456Z\"}", Stamp.class).at());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"2026-11-19T10:40:00\"", "\"2026-11-19\"", "\"10:40:00Z\"", "\"tomorrow\"", "\"\"",
            "1763548800", "1763548800000", "1763548800.5", "true", "{}", "[2026, 11, 19]" })
    void anythingElseIsRefusedAtItsField(String value) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> read("{\"at\": " + value + "}", Stamp.class));
        assertEquals("at", e.getPath().get(0).getFieldName(), "the problem names the field");
    }

    @Test
    void nullIsNoTimestamp() throws JsonProcessingException {
        assertEquals(null, read("{\"at\": null}", Stamp.class).at());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\": \"5\"}", "{\"id\": 5.7}", "{\"id\": 5.0}", "{\"id\": true}", "{\"count\": \"3\"}",
            "{\"flag\": \"true\"}", "{\"flag\": 1}" })
    void numbersAndBooleansAreNeverCoercedFromOtherTypes(String body) {
        assertThrows(MismatchedInputException.class, () -> read(body, Ids.class));
    }

    @Test
    void wellTypedValuesAreRead() throws JsonProcessingException {
        assertEquals(new Ids(5L, 3, true, "x"), read("{\"id\": 5, \"count\": 3, \"flag\": true, \"name\": \"x\"}",
                Ids.class));
    }

    @Test
    void trailingTokensAndDeepNestingAreRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"id\": 5} {\"id\": 6}", Ids.class));
        assertThrows(JsonProcessingException.class, () -> JSON.readTree("[".repeat(40) + "]".repeat(40)));
    }

    private static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return JSON.readValue(json, type);
    }
}
