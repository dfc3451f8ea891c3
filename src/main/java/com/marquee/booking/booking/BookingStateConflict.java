package com.marquee.booking.booking;

import com.marquee.booking.common.problem.ProblemException;

/** 409: the booking's state does not allow what was asked (the state is named in the detail). */
public class BookingStateConflict extends ProblemException {

    private BookingStateConflict(String slug, String title, String detail) {
        super(409, slug, title, detail);
    }

    public static BookingStateConflict notPending(Booking booking, String action) {
        return new BookingStateConflict("booking-not-pending", "Booking not pending",
                "Booking " + booking.id + " is " + booking.status.wire() + " and cannot be " + action);
    }

    public static BookingStateConflict holdExpired(Booking booking) {
        return new BookingStateConflict("hold-expired", "Hold expired",
                "The hold on booking " + booking.id + " expired at " + booking.holdExpiryTime
                        + "; create a new booking");
    }

    public static BookingStateConflict alreadyCancelled(Booking booking) {
        return new BookingStateConflict("booking-already-cancelled", "Booking already cancelled",
                "Booking " + booking.id + " is already cancelled");
    }

    public static BookingStateConflict holdAtLimit(Booking booking) {
        return new BookingStateConflict("hold-extension-limit", "Hold cannot be extended",
                "The hold on booking " + booking.id + " already lasts as long as allowed (until "
                        + booking.holdExpiryTime + ")");
    }
}
