package com.marquee.booking.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One seat of a booking event: row number, column, and the row's cinema label (1 = "A", 27 = "AA"). */
@JsonPropertyOrder({ EventFields.SEAT_ROW, EventFields.SEAT_COL, EventFields.SEAT_ROW_LABEL })
public record EventSeat(
        @JsonProperty(EventFields.SEAT_ROW) int row,
        @JsonProperty(EventFields.SEAT_COL) int col,
        @JsonProperty(EventFields.SEAT_ROW_LABEL) String rowLabel) {

    public EventSeat {
        BookingEvent.require(row >= 1 && col >= 1, "seat row and col start at 1");
        BookingEvent.require(rowLabel != null && !rowLabel.isBlank(), "seat row_label is required");
    }
}
