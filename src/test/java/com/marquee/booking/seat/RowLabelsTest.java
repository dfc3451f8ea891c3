package com.marquee.booking.seat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cinema row labels: A..Z, then AA..AZ, BA.. like spreadsheet columns. */
class RowLabelsTest {

    @ParameterizedTest
    @CsvSource({ "1, A", "2, B", "26, Z", "27, AA", "28, AB", "52, AZ", "53, BA", "100, CV", "701, ZY", "702, ZZ",
            "703, AAA" })
    void labelsRowNumbers(int row, String label) {
        assertEquals(label, RowLabels.label(row));
    }

    @Test
    void everyRowUpTo702HasItsOwnLabelOfAtMostTwoLetters() {
        Set<String> seen = new HashSet<>();
        for (int row = 1; row <= 702; row++) {
            String label = RowLabels.label(row);
            assertTrue(label.matches("[A-Z]{1,2}"), row + " -> " + label);
            assertTrue(seen.add(label), row + " repeats " + label);
        }
    }

    @Test
    void aLetterRowParsesBackToTheNumberItLabels() {
        for (int row = 1; row <= 26; row++) {
            assertEquals(row, SeatParser.rowToken(RowLabels.label(row)));
        }
    }
}
