package com.marquee.booking.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MinorUnitsTest {

    @ParameterizedTest
    @CsvSource({ "10.13, 1013", "0.5, 50", "0.01, 1", "100000, 10000000", "100000.00, 10000000", "12.500, 1250",
            "1E+2, 10000" })
    void convertsExactly(String amount, long cents) {
        assertEquals(cents, MinorUnits.of(new BigDecimal(amount)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.005", "0.001", "0", "-1.00", "0.00", "99999999999999999999" })
    void refusesWhatHasNoExactCentValue(String amount) {
        assertThrows(IllegalArgumentException.class, () -> MinorUnits.of(new BigDecimal(amount)));
    }
}
