package com.marquee.booking.showtime;

import com.marquee.booking.common.problem.ProblemException;

public class ShowtimeNotFound extends ProblemException {

    public ShowtimeNotFound(long id) {
        super(404, "showtime-not-found", "Showtime not found", "Showtime " + id + " does not exist");
    }
}
