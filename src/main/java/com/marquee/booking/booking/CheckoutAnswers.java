package com.marquee.booking.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.booking.api.BookingCreated;
import com.marquee.booking.booking.api.BookingEnvelope;
import com.marquee.booking.booking.api.PaymentEnvelope;
import com.marquee.booking.common.idempotency.StoredResponse;
import com.marquee.booking.common.problem.Problem;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.payment.PaymentDeclined;
import com.marquee.booking.payment.PaymentView;

/**
 * The HTTP answers of the use cases an Idempotency-Key can make safe to retry. They are rendered here, once,
 * for the request that did the work and for whoever settles it later (a webhook, the reconciler), so the
 * answer a retry replays is exactly the one the first request earned.
 */
@ApplicationScoped
public class CheckoutAnswers {

    private final ObjectMapper json;

    public CheckoutAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** 201 to {@code POST /api/bookings/}; the Location is relative (never built from a client's Host). */
    public StoredResponse bookingCreated(BookingView booking) {
        return new StoredResponse(201, MediaType.APPLICATION_JSON, "/api/bookings/" + booking.bookingId(),
                write(BookingCreated.of(booking)));
    }

    /** 201 to {@code POST /api/payments/}. */
    public StoredResponse paymentCreated(PaymentView payment) {
        return new StoredResponse(201, MediaType.APPLICATION_JSON, "/api/payments/" + payment.paymentId(),
                write(PaymentEnvelope.of("Payment created", payment)));
    }

    /** The answer to {@code POST /api/bookings/{id}/complete} once {@code settled}. */
    public StoredResponse completion(Settlement settled) {
        String path = "/api/bookings/" + settled.booking().bookingId() + "/complete";
        return switch (settled.outcome()) {
            case COMPLETED -> ok(200, new BookingEnvelope("Booking completed", settled.booking(), settled.payment()));
            case PENDING -> ok(202, new BookingEnvelope("Payment " + settled.payment().paymentId()
                    + " was sent to the payment provider, which has not confirmed it yet; the booking stays pending"
                    + " and is confirmed (or released, and any charge refunded) once it does: poll "
                    + "/api/bookings/" + settled.booking().bookingId(), settled.booking(), settled.payment()));
            case DECLINED -> problem(new PaymentDeclined(settled.payment(), "booking " + settled.booking().bookingId()
                    + " stays pending until its hold expires at " + settled.booking().holdExpiryTime()
                    + "; retry or confirm it with another payment"), path);
            case REFUNDED -> problem(BookingStateConflict.cancelledWhilePaying(settled.booking().bookingId(),
                    settled.payment().paymentId()), path);
        };
    }

    /** The answer to {@code POST /api/payments/{id}/process} once {@code settled}. */
    public StoredResponse processing(Settlement settled) {
        String path = "/api/payments/" + settled.payment().paymentId() + "/process";
        return switch (settled.outcome()) {
            case COMPLETED -> ok(200, PaymentEnvelope.of("Payment completed", settled.payment()));
            // charged after its booking ended: given back, as a checkout's would be
            case REFUNDED -> settled.booking() == null
                    ? ok(200, PaymentEnvelope.of("Payment completed", settled.payment()))
                    : problem(BookingStateConflict.cancelledWhilePaying(settled.booking().bookingId(),
                            settled.payment().paymentId()), path);
            case PENDING -> ok(202, PaymentEnvelope.of("Payment sent to the payment provider, which has not confirmed"
                    + " it yet; poll /api/payments/" + settled.payment().paymentId(), settled.payment()));
            case DECLINED -> problem(new PaymentDeclined(settled.payment(), "the payment is now failed"), path);
        };
    }

    private StoredResponse ok(int status, Object body) {
        return new StoredResponse(status, MediaType.APPLICATION_JSON, null, write(body));
    }

    private StoredResponse problem(ProblemException e, String path) {
        Problem problem = e.toProblem(path);
        return new StoredResponse(problem.status(), Problem.MEDIA_TYPE, null, write(problem));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Answer cannot be written as JSON", e);
        }
    }
}
