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

    public static BookingStateConflict chargeInProgress(long bookingId, Long paymentId) {
        return new BookingStateConflict("payment-in-progress", "Payment in progress",
                (paymentId == null ? "A payment" : "Payment " + paymentId) + " for booking " + bookingId
                        + " is being processed by the payment provider; poll /api/bookings/" + bookingId
                        + " for the outcome");
    }

    public static BookingStateConflict cancelledWhilePaying(long bookingId, long paymentId) {
        return new BookingStateConflict("booking-cancelled-while-paying", "Booking cancelled while paying",
                "Booking " + bookingId + " was cancelled (or its hold released) while payment " + paymentId
                        + " was being charged; the charge is refunded");
    }

    public static BookingStateConflict showtimeStarted(Booking booking, java.time.Instant start) {
        return new BookingStateConflict("showtime-started", "Showtime started",
                "The showtime of booking " + booking.id + " started at " + start
                        + "; its hold ended then and it can no longer be paid for");
    }

    public static BookingStateConflict holdAtLimit(Booking booking) {
        return new BookingStateConflict("hold-extension-limit", "Hold cannot be extended",
                "The hold on booking " + booking.id + " already lasts as long as allowed (until "
                        + booking.holdExpiryTime + ")");
    }
}
