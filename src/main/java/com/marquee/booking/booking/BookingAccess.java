package com.marquee.booking.booking;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.common.ratelimit.RateLimiter;
import com.marquee.booking.common.security.AccessControl;
import com.marquee.booking.common.security.Caller;
import com.marquee.booking.common.security.Forbidden;

import io.smallrye.mutiny.Uni;

/**
 * The access rules for bookings and payments (README: Security), one method per kind of call, each called first
 * by its resource method. A user token may act only for its own user id: create bookings for it, read, list,
 * cancel, extend, complete and confirm its bookings, create, read and process its payments (a payment is the
 * caller's if its {@code created_by} names them or its booking is theirs). An operator may do everything, and only
 * an operator may refund or fail a payment directly. A request without a token (modes {@code off} and
 * {@code optional}) is served as before tokens existed. Another user's booking or payment is 403, not 404 (see
 * {@link Forbidden}); an unknown id passes here and gets the operation's own 404. Owners are read without a lock:
 * a booking's user never changes.
 */
@ApplicationScoped
public class BookingAccess {

    private final AccessControl access;
    private final BookingRepository bookings;
    private final RateLimiter limiter;

    public BookingAccess(AccessControl access, BookingRepository bookings, RateLimiter limiter) {
        this.access = access;
        this.bookings = bookings;
        this.limiter = limiter;
    }

    /** {@code POST /api/bookings}: for the caller's own user id; counted against the client's creation limit. */
    public Uni<Caller> createBooking(long userId) {
        return access.caller().invoke(caller -> {
            if (!caller.mayActFor(userId)) {
                throw new Forbidden("A booking can only be made for yourself: the token is " + caller.describe()
                        + "'s, the request is for user " + userId);
            }
            limiter.acquire(caller.userId() != null ? "user:" + caller.userId() : "ip:" + access.clientAddress(),
                    "new bookings");
        });
    }

    /** Read, cancel, extend, complete: the caller's own booking. */
    public Uni<Caller> booking(long bookingId) {
        return access.caller().call(caller -> ownsBooking(caller, bookingId));
    }

    /** {@code GET /api/bookings/user/{id}}: the caller's own list. */
    public Uni<Caller> bookingsOf(long userId) {
        return access.caller().invoke(caller -> {
            if (!caller.mayActFor(userId)) {
                throw new Forbidden("Only user " + userId + " or an operator may list user " + userId
                        + "'s bookings; the token is " + caller.describe() + "'s");
            }
        });
    }

    /** {@code POST /api/bookings/{id}/confirm}: the caller's own booking, paid with the caller's own payment. */
    public Uni<Caller> confirm(long bookingId, long paymentId) {
        return booking(bookingId).call(caller -> ownsPayment(caller, paymentId));
    }

    /**
     * {@code POST /api/payments}: returns the {@code created_by} to store. With a user token an absent one becomes
     * {@code user:<id>}, a present one must name the caller ({@code 7} or {@code user:7}), and a {@code booking_id}
     * must be the caller's booking.
     */
    public Uni<String> createPayment(String createdBy, Long bookingId) {
        return access.caller().call(caller -> {
            if (caller.kind() != Caller.Kind.USER) {
                return Uni.createFrom().voidItem();
            }
            if (createdBy != null && !caller.isPayer(createdBy)) {
                throw new Forbidden("The token is " + caller.describe() + "'s: created_by must be " + caller.userId()
                        + " or " + caller.payerName() + " (or left out), not '" + createdBy + "'");
            }
            return bookingId == null ? Uni.createFrom().voidItem() : ownsBooking(caller, bookingId);
        }).map(caller -> caller.kind() == Caller.Kind.USER && createdBy == null ? caller.payerName() : createdBy);
    }

    /** Read and process: the caller's own payment. */
    public Uni<Caller> payment(long paymentId) {
        return access.caller().call(caller -> ownsPayment(caller, paymentId));
    }

    /** Refund or fail a payment directly: operators only. */
    public Uni<Caller> operator(String action) {
        return access.operator(action);
    }

    private Uni<Void> ownsBooking(Caller caller, long bookingId) {
        if (caller.kind() != Caller.Kind.USER) {
            return Uni.createFrom().voidItem();
        }
        return bookings.ownerOf(bookingId).invoke(owner -> {
            if (owner != null && !caller.mayActFor(owner)) {
                throw new Forbidden("Booking " + bookingId + " is not yours: the token is " + caller.describe() + "'s");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> ownsPayment(Caller caller, long paymentId) {
        if (caller.kind() != Caller.Kind.USER) {
            return Uni.createFrom().voidItem();
        }
        return bookings.payerOf(paymentId).invoke(row -> {
            if (row == null) {
                return; // unknown: the operation answers 404
            }
            String createdBy = (String) row[0];
            Long bookingOwner = (Long) row[1];
            boolean mine = caller.isPayer(createdBy) || (bookingOwner != null && caller.mayActFor(bookingOwner));
            if (!mine) {
                throw new Forbidden("Payment " + paymentId + " is not yours: the token is " + caller.describe() + "'s");
            }
        }).replaceWithVoid();
    }
}
