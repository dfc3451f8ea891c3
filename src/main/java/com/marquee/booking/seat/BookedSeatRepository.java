package com.marquee.booking.seat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BookedSeatRepository implements PanacheRepositoryBase<BookedSeat, Long> {

    private static final List<SeatStatus> ACTIVE = List.of(SeatStatus.ON_HOLD, SeatStatus.BOOKED);

    /** Active rows (expired holds included: the caller decides) for any of {@code seats}. */
    public Uni<List<BookedSeat>> findActive(long showtimeId, Collection<Seat> seats) {
        List<Short> rows = seats.stream().map(s -> (short) s.row()).distinct().toList();
        List<Short> cols = seats.stream().map(s -> (short) s.col()).distinct().toList();
        return list("showtimeId = :showtime and status in :active and seatRow in :rows and seatCol in :cols",
                Parameters.with("showtime", showtimeId).and("active", ACTIVE).and("rows", rows).and("cols", cols))
                .map(found -> found.stream()
                        .filter(row -> seats.contains(new Seat(row.seatRow, row.seatCol, false))).toList());
    }

    /** Every active row of a showtime, expired holds included. */
    public Uni<List<BookedSeat>> findActive(long showtimeId) {
        return list("showtimeId = ?1 and status in ?2 order by seatRow, seatCol", showtimeId, ACTIVE);
    }

    public Uni<List<BookedSeat>> findByBookings(Collection<Long> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("bookingId in ?1 order by bookingId, seatRow, seatCol", bookingIds);
    }

    /** Releases a booking's active seats; returns how many were active. */
    public Uni<Integer> release(long bookingId, Instant now) {
        return update("status = ?1, holdExpiryTime = null, updatedAt = ?2 where bookingId = ?3 and status in ?4",
                SeatStatus.RELEASED, now, bookingId, ACTIVE);
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
