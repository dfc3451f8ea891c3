package com.marquee.booking.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;

/** Query parameters: defaults when absent, bounds inclusive, anything else a 400 naming the parameter. */
class QueryParamsTest {

    @Test
    void anAbsentOrBlankIntegerTakesTheDefault() {
        assertEquals(50, QueryParams.intParam("limit", null, 50, 1, 200));
        assertEquals(50, QueryParams.intParam("limit", "", 50, 1, 200));
        assertEquals(50, QueryParams.intParam("limit", "  ", 50, 1, 200));
    }

    @Test
    void integersWithinTheBoundsAreRead() {
        assertEquals(1, QueryParams.intParam("limit", "1", 50, 1, 200));
        assertEquals(200, QueryParams.intParam("limit", " 200 ", 50, 1, 200));
        assertEquals(-3, QueryParams.intParam("delta", "-3", 0, -5, 5));
        assertEquals(7, QueryParams.intParam("limit", "007", 50, 1, 200));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "201", "-1", "1.5", "1e2", "ten", "+5", "0x10", "9999999999" })
    void anythingElseIsRefusedNamingTheParameterAndItsBounds(String value) {
        InvalidRequest e = assertThrows(InvalidRequest.class, () -> QueryParams.intParam("limit", value, 50, 1, 200));
        assertEquals(new FieldError("limit", "must be an integer between 1 and 200"),
                e.toProblem("/api/bookings/user/1").errors().get(0));
    }

    @Test
    void booleansTakeTheUsualSpellingsInAnyCase() {
        assertTrue(QueryParams.booleanParam("include_cancelled", "TRUE", false));
        assertTrue(QueryParams.booleanParam("include_cancelled", " yes ", false));
        assertTrue(QueryParams.booleanParam("include_cancelled", "1", false));
        assertFalse(QueryParams.booleanParam("include_cancelled", "False", true));
        assertFalse(QueryParams.booleanParam("include_cancelled", "no", true));
        assertFalse(QueryParams.booleanParam("include_cancelled", "0", true));
        assertTrue(QueryParams.booleanParam("include_cancelled", null, true));
        assertFalse(QueryParams.booleanParam("include_cancelled", " ", false));
    }

    @ParameterizedTest
    @ValueSource(strings = { "maybe", "2", "on", "t" })
    void otherBooleanSpellingsAreRefused(String value) {
        InvalidRequest e = assertThrows(InvalidRequest.class,
                () -> QueryParams.booleanParam("include_cancelled", value, false));
        assertEquals("include_cancelled must be true or false", e.getMessage());
    }
}
