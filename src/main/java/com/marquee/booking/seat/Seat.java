package com.marquee.booking.seat;

/**
 * A seat as a client asked for it. Rows are numbers (A == 1); {@code letter} remembers whether the
 * client wrote the row as a letter so responses can answer in the same notation. Two seats are the
 * same seat whatever the notation.
 */
public record Seat(int row, int col, boolean letter) {

    /** The row as the client wrote it: {@code "A"} or {@code 1}. */
    public Object rowValue() {
        return letter ? RowLabels.label(row) : (Object) row;
    }

    /** {@code A1}: how people name seats. */
    public String label() {
        return RowLabels.label(row) + col;
    }

    public boolean sameSeat(int otherRow, int otherCol) {
        return row == otherRow && col == otherCol;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seat s && s.row == row && s.col == col;
    }

    @Override
    public int hashCode() {
        return row * 1031 + col;
    }
}
