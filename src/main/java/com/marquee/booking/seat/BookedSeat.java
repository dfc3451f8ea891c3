package com.marquee.booking.seat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import com.marquee.booking.common.persistence.AuditedEntity;

/** One seat of one booking. Active (on_hold or booked) rows are unique per showtime seat. */
@Entity
@Table(name = "booked_seats")
@SQLRestriction("is_deleted = false")
public class BookedSeat extends AuditedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "booked_seat_id")
    public Long id;

    @Column(name = "booking_id", nullable = false)
    public Long bookingId;

    @Column(name = "showtime_id", nullable = false)
    public Long showtimeId;

    @Column(name = "seat_row", nullable = false)
    public short seatRow;

    @Column(name = "seat_col", nullable = false)
    public short seatCol;

    @Column(name = "row_as_letter", nullable = false)
    public boolean rowAsLetter;

    @Column(name = "status", nullable = false, length = 16)
    public SeatStatus status;

    @Column(name = "hold_expiry_time")
    public Instant holdExpiryTime;

    public static List<BookedSeat> holds(long bookingId, long showtimeId, List<Seat> seats, Instant expiry) {
        List<BookedSeat> rows = new ArrayList<>(seats.size());
        for (Seat seat : seats) {
            BookedSeat row = new BookedSeat();
            row.bookingId = bookingId;
            row.showtimeId = showtimeId;
            row.seatRow = (short) seat.row();
            row.seatCol = (short) seat.col();
            row.rowAsLetter = seat.letter();
            row.status = SeatStatus.ON_HOLD;
            row.holdExpiryTime = expiry;
            rows.add(row);
        }
        return rows;
    }

    public Seat seat() {
        return new Seat(seatRow, seatCol, rowAsLetter);
    }

    /** Active and not an expired hold: the seat really is taken at {@code now}. */
    public boolean isTakenAt(Instant now) {
        return status == SeatStatus.BOOKED
                || (status == SeatStatus.ON_HOLD && holdExpiryTime != null && holdExpiryTime.isAfter(now));
    }
}
