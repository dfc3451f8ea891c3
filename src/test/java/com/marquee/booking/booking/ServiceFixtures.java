package com.marquee.booking.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.seat.Seat;
import com.marquee.booking.showtime.ShowtimeRequest;
import com.marquee.booking.showtime.ShowtimeService;
import com.marquee.booking.support.Fixtures;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;

/**
 * Test data for service tests, made through the services themselves (no HTTP: these tests run on the Vert.x
 * event loop), what no service does (moving a hold into the past or a showtime's start), and their assertions.
 */
@ApplicationScoped
class ServiceFixtures {

    private final ShowtimeService showtimes;
    private final BookingLifecycle lifecycle;

    ServiceFixtures(ShowtimeService showtimes, BookingLifecycle lifecycle) {
        this.showtimes = showtimes;
        this.lifecycle = lifecycle;
    }

    /** A pending booking of seats A1 and A2 at {@code price} each, on a 5 x 5 showtime starting at {@code start}. */
    Uni<BookingView> pendingBooking(String price, Instant start) {
        long showtimeId = Fixtures.nextId();
        return showtimes.put(showtimeId, new ShowtimeRequest(42L, 7L, start, new BigDecimal(price), 5, 5))
                .chain(() -> lifecycle.hold(new HoldCommand(Fixtures.nextId(), showtimeId,
                        List.of(new Seat(1, 1, true), new Seat(1, 2, true))), null));
    }

    /** Moves a booking's hold (booking and seats) one minute into the past, as if it had run out. */
    Uni<Void> expireHold(long bookingId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE bookings SET hold_expiry_time = now() - interval '1 minute' WHERE booking_id = :id")
                .setParameter("id", bookingId).executeUpdate()
                .chain(() -> session.createNativeQuery("UPDATE booked_seats SET hold_expiry_time = now()"
                        + " - interval '1 minute' WHERE booking_id = :id AND status = 'on_hold'")
                        .setParameter("id", bookingId).executeUpdate())))
                .replaceWithVoid();
    }

    /** Moves a showtime's start, as the Theatre Service might after seats were held. */
    Uni<Void> moveStart(long showtimeId, Instant start) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE showtimes SET start_time = :start WHERE showtime_id = :id")
                .setParameter("start", start).setParameter("id", showtimeId).executeUpdate()))
                .replaceWithVoid();
    }

    /** How many payments exist for a booking, whatever their state. */
    Uni<Long> paymentsOf(long bookingId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM payments WHERE booking_id = :id", Long.class)
                .setParameter("id", bookingId).getSingleResult()));
    }

    /** The booking id a test step stored as {@code "id"}. */
    static long id(UniAsserter asserter) {
        return (Long) asserter.getData("id");
    }

    /** The failure is the problem {@code slug} (e.g. {@code hold-expired}). */
    static void assertProblem(Throwable failure, String slug) {
        assertEquals(slug, assertInstanceOf(ProblemException.class, failure).slug(), failure::toString);
    }
}
