package com.marquee.booking.seat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookedSeatRepository implements PanacheRepositoryBase<BookedSeat, Long> {

    // No list-valued parameters in these queries: Hibernate re-translates such a query to SQL on every
    // execution (its SQL cache skips them), which cost several milliseconds of CPU per request.

    /** Active rows (expired holds included: the caller decides) for any of {@code seats}. */
    public Uni<List<BookedSeat>> findActive(long showtimeId, Collection<Seat> seats) {
        return findActive(showtimeId).map(found -> found.stream()
                        .filter(row -> seats.contains(new Seat(row.seatRow, row.seatCol, false))).toList());
    }

    /** Every active row of a showtime, expired holds included. */
    public Uni<List<BookedSeat>> findActive(long showtimeId) {
        return list("showtimeId = ?1 and status <> ?2 order by seatRow, seatCol", showtimeId, SeatStatus.RELEASED);
    }

    public Uni<List<BookedSeat>> findByBookings(Collection<Long> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (bookingIds.size() == 1) {
            return list("bookingId = ?1 order by seatRow, seatCol", bookingIds.iterator().next());
        }
        return list("bookingId in ?1 order by bookingId, seatRow, seatCol", bookingIds);
    }

    /** Releases a booking's active seats; returns how many were active. */
    public Uni<Integer> release(long bookingId, Instant now) {
        return update("status = ?1, holdExpiryTime = null, updatedAt = ?2 where bookingId = ?3 and status <> ?1",
                SeatStatus.RELEASED, now, bookingId);
    }

    /** Turns a booking's holds into booked seats. */
    public Uni<Integer> book(long bookingId, Instant now) {
        return update("status = ?1, holdExpiryTime = null, updatedAt = ?2 where bookingId = ?3 and status = ?4",
                SeatStatus.BOOKED, now, bookingId, SeatStatus.ON_HOLD);
    }

    public Uni<Integer> extendHolds(long bookingId, Instant expiry, Instant now) {
        return update("holdExpiryTime = ?1, updatedAt = ?2 where bookingId = ?3 and status = ?4",
                expiry, now, bookingId, SeatStatus.ON_HOLD);
    }
}
