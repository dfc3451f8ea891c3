package com.marquee.booking.booking;

import com.marquee.booking.common.problem.ProblemException;

public class BookingNotFound extends ProblemException {

    public BookingNotFound(long id) {
        super(404, "booking-not-found", "Booking not found", "Booking " + id + " does not exist");
    }
}
