package com.marquee.booking.seat;

import static com.marquee.booking.support.Fixtures.activeSeats;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Two users can never get the same seat, however their requests interleave. */
@QuarkusTest
class SeatHoldRaceTest {

    @Test
    void fiftyHoldsOfOneSeatYieldOneWinner() {
        long st = newShowtime();
        List<Answer> answers = Concurrently.post("/api/bookings/", 50,
                i -> "{\"user_id\":" + (i + 1) + ",\"showtime_id\":" + st + ",\"seats\":[{\"row\":\"E\",\"col\":7}]}");
        assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), statuses(answers));
        assertEquals(49, answers.stream().filter(a -> a.status() == 409).count(), statuses(answers));
        assertEquals(1, seatsBooked(st));
        assertEquals(1, activeSeats(st).size());
    }

    @Test
    void fiftyHoldsOfDistinctSeatsAllSucceed() {
        long st = newShowtime();
        List<Answer> answers = Concurrently.post("/api/bookings/", 50, i -> "{\"user_id\":" + (i + 1)
                + ",\"showtime_id\":" + st + ",\"seats\":[{\"row\":" + (i / 20 + 1) + ",\"col\":" + (i % 20 + 1)
                + "}]}");
        assertEquals(50, answers.stream().filter(a -> a.status() == 201).count(), statuses(answers));
        assertEquals(50, seatsBooked(st));
        assertEquals(50, activeSeats(st).size());
    }

    @Test
    void overlappingMultiSeatHoldsNeverShareASeat() {
        long st = newShowtime(2, 5, "10.00");
        Random random = new Random(7);
        List<List<int[]>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Set<Integer> picked = new HashSet<>();
            int size = 2 + random.nextInt(3);
            while (picked.size() < size) {
                picked.add(random.nextInt(10));
            }
            requests.add(picked.stream().map(p -> new int[] { p / 5 + 1, p % 5 + 1 }).toList());
        }
        List<Answer> answers = Concurrently.post("/api/bookings/", requests.size(), i -> {
            StringBuilder seats = new StringBuilder();
            for (int[] seat : requests.get(i)) {
                seats.append(seats.length() == 0 ? "" : ",").append("{\"row\":").append(seat[0])
                        .append(",\"col\":").append(seat[1]).append('}');
            }
            return "{\"user_id\":" + (i + 1) + ",\"showtime_id\":" + st + ",\"seats\":[" + seats + "]}";
        });
        assertTrue(answers.stream().allMatch(a -> a.status() == 201 || a.status() == 409), statuses(answers));
        assertTrue(answers.stream().anyMatch(a -> a.status() == 201), statuses(answers));

        // every winner really holds all of its seats, and nobody else holds them
        Map<String, Long> holder = new HashMap<>();
        for (Map<String, Object> seat : activeSeats(st)) {
            String key = seat.get("row") + "-" + seat.get("col");
            Long previous = holder.put(key, ((Number) seat.get("booking_id")).longValue());
            assertEquals(null, previous, "seat " + key + " is active twice");
        }
        int heldByWinners = 0;
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() != 201) {
                continue;
            }
            long bookingId = JsonPath.from(answers.get(i).body()).getLong("booking_id");
            for (int[] seat : requests.get(i)) {
                assertEquals(bookingId, holder.get(seat[0] + "-" + seat[1]));
                heldByWinners++;
            }
        }
        assertEquals(holder.size(), heldByWinners);
        assertEquals(holder.size(), seatsBooked(st));
    }

    private static String statuses(List<Answer> answers) {
        return answers.stream().map(a -> a.status() + (a.status() >= 500 ? " " + a.body() : "")).toList().toString();
    }
}
