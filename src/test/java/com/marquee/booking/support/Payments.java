package com.marquee.booking.support;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Checkout and payment calls through the public API, for tests that run against the packaged app too. */
public final class Payments {

    private Payments() {
    }

    /** {@code POST /api/payments/}; null arguments are left out of the body. */
    public static Response createPayment(String amount, String createdBy, Long bookingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (amount != null) {
            body.put("amount", new BigDecimal(amount));
        }
        if (createdBy != null) {
            body.put("created_by", createdBy);
        }
        if (bookingId != null) {
            body.put("booking_id", bookingId);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/payments/");
    }

    public static long pendingPayment(String amount) {
        return createPayment(amount, "tester", null).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
    }

    /** A payment created and processed (approved) by the gateway. */
    public static long completedPayment(String amount) {
        long id = pendingPayment(amount);
        process(id).then().statusCode(200);
        return id;
    }

    public static Response payment(long id) {
        return given().get("/api/payments/{id}", id);
    }

    public static String paymentStatus(long id) {
        return payment(id).then().statusCode(200).extract().path("payment.status");
    }

    public static Response process(long id) {
        return given().post("/api/payments/{id}/process", id);
    }

    public static Response fail(long id) {
        return given().post("/api/payments/{id}/fail", id);
    }

    public static Response refund(long id) {
        return given().post("/api/payments/{id}/refund", id);
    }

    public static Response complete(long bookingId) {
        return given().post("/api/bookings/{id}/complete", bookingId);
    }

    /** Completes a booking and returns the id of the payment that paid for it. */
    public static long completeOk(long bookingId) {
        return complete(bookingId).then().statusCode(200).extract().jsonPath().getLong("payment.payment_id");
    }

    public static Response confirm(long bookingId, Object paymentId) {
        return given().contentType(ContentType.JSON).body(Map.of("payment_id", paymentId))
                .post("/api/bookings/{id}/confirm", bookingId);
    }

    public static Response cancel(long bookingId) {
        return given().post("/api/bookings/{id}/cancel", bookingId);
    }
}
