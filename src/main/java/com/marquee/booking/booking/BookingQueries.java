package com.marquee.booking.booking;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.marquee.booking.payment.PaymentNotFound;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentView;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reading bookings and payments: no locks, no transaction. */
@ApplicationScoped
public class BookingQueries {

    private final BookingRepository bookings;
    private final PaymentRepository payments;
    private final BookingViews views;

    public BookingQueries(BookingRepository bookings, PaymentRepository payments, BookingViews views) {
        this.bookings = bookings;
        this.payments = payments;
        this.views = views;
    }

    @WithSession
    public Uni<BookingView> booking(long id) {
        return bookings.findById(id).onItem().ifNull().failWith(() -> new BookingNotFound(id)).chain(views::of);
    }

    @WithSession
    public Uni<List<BookingView>> bookingsOfUser(long userId, boolean includeCancelled, int limit, int offset) {
        return bookings.listForUser(userId, includeCancelled, limit, offset).chain(views::of);
    }

    @WithSession
    public Uni<PaymentView> payment(long id) {
        return payments.findById(id).onItem().ifNull().failWith(() -> new PaymentNotFound(id)).map(PaymentView::of);
    }
}
