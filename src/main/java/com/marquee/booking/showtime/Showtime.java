package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import com.marquee.booking.common.persistence.AuditedEntity;

/**
 * The booking service's copy of a Theatre Service showtime, and the row every seat change of the
 * showtime locks: free seats have no row of their own to lock.
 */
@Entity
@Table(name = "showtimes")
@SQLRestriction("is_deleted = false")
public class Showtime extends AuditedEntity {

    @Id
    @Column(name = "showtime_id")
    public Long id;

    @Column(name = "movie_id")
    public Long movieId;

    @Column(name = "screen_id")
    public Long screenId;

    @Column(name = "start_time")
    public Instant startTime;

    @Column(name = "price", nullable = false, precision = 10, scale = 2)
    public BigDecimal price;

    @Column(name = "num_rows", nullable = false)
    public short numRows;

    @Column(name = "num_cols", nullable = false)
    public short numCols;

    /** Always equals the number of active (on_hold or booked) seats. */
    @Column(name = "seats_booked", nullable = false)
    public int seatsBooked;

    @Column(name = "refreshed_at")
    public Instant refreshedAt;

    public int capacity() {
        return numRows * numCols;
    }

    public boolean contains(int row, int col) {
        return row >= 1 && row <= numRows && col >= 1 && col <= numCols;
    }

    public boolean hasStartedAt(Instant now) {
        return startTime != null && !startTime.isAfter(now);
    }
}
