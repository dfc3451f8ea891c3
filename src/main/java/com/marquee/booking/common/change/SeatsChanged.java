package com.marquee.booking.common.change;

import java.util.Set;

/**
 * A CDI event fired after a transaction that changed which seats of these showtimes are taken has committed.
 * Whoever keeps seat reads in memory observes it; the writer needs to know nothing about them.
 */
public record SeatsChanged(Set<Long> showtimeIds) {

    public static SeatsChanged of(long showtimeId) {
        return new SeatsChanged(Set.of(showtimeId));
    }
}
