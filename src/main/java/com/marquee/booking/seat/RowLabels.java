package com.marquee.booking.seat;

/** Row numbers and their cinema labels: 1 = A ... 26 = Z, 27 = AA. */
public final class RowLabels {

    private RowLabels() {
    }

    public static String label(int row) {
        StringBuilder label = new StringBuilder();
        for (int n = row; n > 0; n = (n - 1) / 26) {
            label.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return label.toString();
    }
}
