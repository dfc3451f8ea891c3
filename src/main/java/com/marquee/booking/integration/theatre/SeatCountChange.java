package com.marquee.booking.integration.theatre;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /showtimes/{id}/seats}: {@code {"count": n}}, added to the Theatre Service's {@code seats_booked}. */
@RegisterForReflection
record SeatCountChange(int count) {
}
