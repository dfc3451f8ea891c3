package com.marquee.booking.seat;

import java.util.List;
import java.util.stream.Collectors;

import com.marquee.booking.common.problem.ProblemException;

/** 409: some requested seats are booked or on an unexpired hold. */
public class SeatsUnavailable extends ProblemException {

    public SeatsUnavailable(List<Seat> seats) {
        super(409, "seats-unavailable", "Seats unavailable", describe(seats), null,
                seats.stream().map(s -> SeatRef.of(s, null)).toList());
    }

    private static String describe(List<Seat> seats) {
        String names = seats.stream().map(Seat::label).collect(Collectors.joining(", "));
        return seats.size() == 1 ? "Seat " + names + " is already booked or on hold"
                : "Seats " + names + " are already booked or on hold";
    }
}
