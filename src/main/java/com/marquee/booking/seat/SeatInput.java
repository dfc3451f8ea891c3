package com.marquee.booking.seat;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The seat notation of requests, for the OpenAPI document only: requests carry seats as raw JSON and
 * {@link SeatParser} reads them (and says what is wrong with each). Never instantiated.
 */
@Schema(name = "SeatInput", description = "A seat: the row as one letter A-Z in any case or an integer >= 1"
        + " (\"A\" and 1 are the same row), the column an integer >= 1. Booleans, floats, numeric strings,"
        + " multi-letter strings, 0 and negatives are refused.", example = "{\"row\": \"A\", \"col\": 1}")
public record SeatInput(
        @Schema(required = true, implementation = Row.class) Object row,
        @Schema(required = true, minimum = "1", example = "1") int col) {

    /** A row in either notation; answers use the notation the booking was made in. */
    @Schema(name = "SeatRow", description = "A row: one letter A-Z in any case, or an integer >= 1 (A == 1)",
            oneOf = { RowLetter.class, RowNumber.class })
    public static final class Row {
        private Row() {
        }
    }

    @Schema(name = "RowLetter", type = SchemaType.STRING, pattern = "^[A-Za-z]$", example = "A",
            description = "A row as one letter, any case: A is row 1")
    public static final class RowLetter {
        private RowLetter() {
        }
    }

    @Schema(name = "RowNumber", type = SchemaType.INTEGER, format = "int32", minimum = "1", example = "1",
            description = "A row as a number: 1 is row A")
    public static final class RowNumber {
        private RowNumber() {
        }
    }
}
