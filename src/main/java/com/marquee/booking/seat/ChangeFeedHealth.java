package com.marquee.booking.seat;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this instance is LISTENing for other instances' seat changes right now. While it is not, a change
 * committed elsewhere cannot reach this instance, so cached snapshots are trusted only briefly.
 */
@ApplicationScoped
public class ChangeFeedHealth {

    private volatile boolean listening;

    public boolean listening() {
        return listening;
    }

    void listening(boolean now) {
        listening = now;
    }
}
