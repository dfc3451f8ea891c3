package com.marquee.booking.seat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class SeatReadResponsesTest {

    static final String TAG = "\"abcdefghijklmnopqrstuv\"";

    @Test
    void ifNoneMatchFollowsRfc9110() {
        assertTrue(SeatReadResponses.matches(TAG, TAG));
        assertTrue(SeatReadResponses.matches("W/" + TAG, TAG));
        assertTrue(SeatReadResponses.matches("\"x\" , " + TAG, TAG));
        assertTrue(SeatReadResponses.matches("*", TAG));
        assertFalse(SeatReadResponses.matches(null, TAG));
        assertFalse(SeatReadResponses.matches("", TAG));
        assertFalse(SeatReadResponses.matches("\"x\"", TAG));
        assertFalse(SeatReadResponses.matches("abcdefghijklmnopqrstuv", TAG), "unquoted is another tag");
    }

    @Test
    void etagsNameTheBytes() {
        byte[] body = "{\"seats\":[]}".getBytes(StandardCharsets.UTF_8);
        String tag = RenderedSeats.etagOf(body);
        assertTrue(tag.matches("\"[A-Za-z0-9_-]{22}\""), tag);
        assertEquals(tag, RenderedSeats.etagOf(body.clone()), "same bytes, same tag, on every instance");
        assertNotEquals(tag, RenderedSeats.etagOf("{\"seats\":[1]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStreamIsToldWhatChangedAndWhatWasReleased() {
        NavigableMap<Integer, ActiveSeat> before = seats(new ActiveSeat(1, 1, "on_hold", 5),
                new ActiveSeat(1, 2, "on_hold", 5), new ActiveSeat(2, 1, "on_hold", 6));
        NavigableMap<Integer, ActiveSeat> after = seats(new ActiveSeat(1, 1, "booked", 5),
                new ActiveSeat(1, 2, "booked", 5), new ActiveSeat(3, 3, "on_hold", 7));
        assertEquals(List.of(new ActiveSeat(1, 1, "booked", 5), new ActiveSeat(1, 2, "booked", 5),
                new ActiveSeat(2, 1, "released", 6), new ActiveSeat(3, 3, "on_hold", 7)),
                LiveSeatMaps.difference(before, after));
        assertEquals(List.of(), LiveSeatMaps.difference(after, after));
    }

    private static NavigableMap<Integer, ActiveSeat> seats(ActiveSeat... seats) {
        NavigableMap<Integer, ActiveSeat> map = new TreeMap<>();
        for (ActiveSeat seat : seats) {
            map.put(seat.row() * 1000 + seat.col(), seat);
        }
        return map;
    }
}
