package com.marquee.booking.booking;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import com.marquee.booking.common.persistence.AuditedEntity;

@Entity
@Table(name = "bookings")
@SQLRestriction("is_deleted = false")
public class Booking extends AuditedEntity {

    /** Why a booking ended up cancelled. */
    public static final String CANCELLED_BY_USER = "user";
    public static final String CANCELLED_EXPIRED = "expired";
    public static final String CANCELLED_REFUNDED = "refunded";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "booking_id")
    public Long id;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "showtime_id", nullable = false)
    public Long showtimeId;

    @Column(name = "payment_id")
    public Long paymentId;

    @Column(name = "booking_time", nullable = false)
    public Instant bookingTime;

    @Column(name = "status", nullable = false, length = 16)
    public BookingStatus status;

    @Column(name = "hold_expiry_time")
    public Instant holdExpiryTime;

    /** The showtime's price when the seats were held: later price changes do not touch this booking. */
    @Column(name = "price_per_seat", nullable = false, precision = 10, scale = 2)
    public BigDecimal pricePerSeat;

    @Column(name = "seat_count", nullable = false)
    public short seatCount;

    @Column(name = "cancel_reason", length = 16)
    public String cancelReason;

    public static Booking pending(long userId, long showtimeId, BigDecimal pricePerSeat, int seats, Instant now,
            Instant expiry) {
        Booking booking = new Booking();
        booking.userId = userId;
        booking.showtimeId = showtimeId;
        booking.pricePerSeat = pricePerSeat;
        booking.seatCount = (short) seats;
        booking.bookingTime = now;
        booking.status = BookingStatus.PENDING;
        booking.holdExpiryTime = expiry;
        return booking;
    }

    public BigDecimal amountDue() {
        return pricePerSeat.multiply(BigDecimal.valueOf(seatCount));
    }

    /** Pending with a hold that has not run out at {@code now}. */
    public boolean isHeldAt(Instant now) {
        return status == BookingStatus.PENDING && holdExpiryTime != null && holdExpiryTime.isAfter(now);
    }
}
