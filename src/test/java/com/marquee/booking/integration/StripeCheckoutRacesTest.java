package com.marquee.booking.integration;

import static com.marquee.booking.integration.StripeCheckoutTest.await;
import static com.marquee.booking.support.Fixtures.bookingStatus;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Payments.cancel;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.paymentStatus;
import static com.marquee.booking.support.Problems.assertProblem;
import static com.marquee.booking.support.Payments.process;
import static com.marquee.booking.support.Payments.createPayment;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.scheduler.HoldExpiryJob;
import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;
import com.marquee.booking.support.Concurrently.Call;
import com.marquee.booking.support.InjectStripeStub;
import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.StripeStub;
import com.marquee.booking.support.TestDb;
import com.marquee.booking.support.UpstreamProfile;
import com.marquee.booking.support.UpstreamStub;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * The money path against a slow Stripe (the stub answering hundreds of milliseconds later), racing the expiry
 * job, a cancel, itself and a webhook; and the crash points (an instance that died after T1, a charge that
 * landed after its booking ended). Whatever the order, the end state is one of the consistent ones and Stripe
 * took at most one charge per payment, refunded whenever the seats were not kept.
 */
@QuarkusTest
@TestProfile(UpstreamProfile.class)
class StripeCheckoutRacesTest {

    @InjectStripeStub
    StripeStub stripe;

    @InjectUpstreamStub
    UpstreamStub upstream;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HoldExpiryJob expiryJob;

    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @AfterEach
    void resetStubs() {
        stripe.reset();
        upstream.reset();
    }

    @Test
    void theSweepLeavesABookingWhoseChargeIsInFlightAndTheChargeConfirmsIt() throws Throwable {
        long st = newShowtime(10, 10, "12.50");
        long bookingId = holdOk(st, user(), "A", 1, "A", 2);
        db.update("UPDATE bookings SET hold_expiry_time = now() + interval '200 milliseconds' WHERE booking_id = ?",
                bookingId);
        db.update("UPDATE booked_seats SET hold_expiry_time = now() + interval '200 milliseconds'"
                + " WHERE booking_id = ?", bookingId);
        stripe.latency(700);

        CompletableFuture<Integer> completing = CompletableFuture.supplyAsync(() -> complete(bookingId).statusCode());
        await(() -> processingPayments(bookingId) == 1, "the charge is in flight");
        Thread.sleep(300); // the hold has run out while Stripe thinks
        int released = VertxContextSupport.subscribeAndAwait(() -> expiryJob.sweep());

        assertEquals(200, completing.get(10, TimeUnit.SECONDS));
        assertEquals(0, released, "the sweep released a booking whose charge was in flight");
        assertEquals("confirmed", bookingStatus(bookingId));
        assertEquals(2, db.count("SELECT count(*) FROM booked_seats WHERE booking_id = ? AND status = 'booked'",
                bookingId));
        assertEquals(1, stripe.successfulCharges(paymentOf(bookingId)));
        assertEquals(db.activeSeats(st), db.counter(st));
    }

    @Test
    void aCancelDuringTheChargeWinsAndTheChargeIsRefunded() throws Exception {
        long st = newShowtime(10, 10, "12.50");
        long bookingId = holdOk(st, user(), "B", 1);
        stripe.latency(600);

        CompletableFuture<io.restassured.response.Response> completing = CompletableFuture
                .supplyAsync(() -> complete(bookingId));
        await(() -> processingPayments(bookingId) == 1, "the charge is in flight");
        cancel(bookingId).then().statusCode(200);

        io.restassured.response.Response completed = completing.get(10, TimeUnit.SECONDS);
        assertEquals(409, completed.statusCode(), completed.asString());
        assertTrue(completed.asString().contains("booking_cancelled_while_paying"), completed.asString());
        long paymentId = paymentOf(bookingId);
        assertEquals("refunded", paymentStatus(paymentId));
        assertEquals(1, stripe.successfulCharges(paymentId));
        assertEquals(1, stripe.refundsOfPayment(paymentId));
        assertEquals("cancelled", bookingStatus(bookingId));
        assertEquals(0, db.counter(st));
    }

    @Test
    void tenParallelCompletesOfOneBookingChargeOnce() {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), user(), "C", 1);
        stripe.latency(300);

        List<Answer> answers = Concurrently.run(java.util.Collections.nCopies(10,
                Call.post("/api/bookings/" + bookingId + "/complete")));

        assertEquals(1, Concurrently.count(answers, 200), answers.toString());
        assertEquals(9, Concurrently.count(answers, 409), answers.toString());
        assertEquals(1, db.count("SELECT count(*) FROM payments WHERE booking_id = ?", bookingId));
        assertEquals(1, stripe.successfulCharges(paymentOf(bookingId)));
        assertEquals(1, stripe.requests("POST", "/v1/payment_intents").size());
    }

    @Test
    void aHoldOnTheSameShowtimeNeverWaitsForACharge() throws Exception {
        long st = newShowtime(10, 10, "12.50");
        long bookingId = holdOk(st, user(), "D", 1);
        stripe.latency(1500); // beyond the provider timeout: the longest a checkout can take

        CompletableFuture<Integer> completing = CompletableFuture.supplyAsync(() -> complete(bookingId).statusCode());
        await(() -> processingPayments(bookingId) == 1, "the charge is in flight");
        String key = (String) db.single("SELECT charge_key FROM payments WHERE booking_id = ?", bookingId);

        hold(st, user(), "D", 2).then().statusCode(201);
        hold(st, user(), "D", 1).then().statusCode(409);
        // both answered while the charge was still with Stripe: no lock is held across the provider call
        assertTrue(stripe.inFlight(key), "the charge was no longer in flight: the test proves nothing");
        assertEquals(202, completing.get(10, TimeUnit.SECONDS));
        // leave nothing unsettled behind for the next test's Stripe
        await(() -> bookingStatus(bookingId).equals("confirmed"), "the reconciler settles the charge");
    }

    @Test
    void aWebhookArrivingBeforeTheRequestSettlesItAndTheRequestAgrees() throws Exception {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), user(), "E", 1);
        stripe.latency(700);

        CompletableFuture<io.restassured.response.Response> completing = CompletableFuture
                .supplyAsync(() -> complete(bookingId));
        await(() -> processingPayments(bookingId) == 1, "the charge is in flight");
        long paymentId = paymentOf(bookingId);
        // Stripe's event overtakes Stripe's answer
        String body = StripeStub.eventBody("payment_intent.succeeded", new JsonObject()
                .put("id", "pi_early_" + nextId()).put("object", "payment_intent").put("status", "succeeded")
                .put("amount", 1250).put("metadata", new JsonObject().put("payment_id", String.valueOf(paymentId))
                        .put("booking_id", String.valueOf(bookingId))));
        StripeStub.SignedEvent event = StripeStub.sign(body, stripe.webhookSecret(), System.currentTimeMillis() / 1000);
        given().contentType(ContentType.JSON).header("Stripe-Signature", event.signature()).body(event.body())
                .post("/api/payments/webhooks/stripe").then().statusCode(200);
        assertEquals("confirmed", bookingStatus(bookingId));

        io.restassured.response.Response completed = completing.get(10, TimeUnit.SECONDS);
        assertEquals(200, completed.statusCode(), completed.asString());
        assertEquals("completed", paymentStatus(paymentId));
        assertEquals(1, stripe.successfulCharges(paymentId));
    }

    @Test
    void aCheckoutWhoseInstanceDiedAfterT1IsChargedOnceByTheReconciler() {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), user(), "F", 1);
        // T1 committed (a processing payment with its key), then the instance died before asking Stripe
        db.update("INSERT INTO payments (payment_id, amount, status, created_by, booking_id, provider, currency,"
                + " checkout, charge_key, charge_started_at, next_check_at)"
                + " VALUES (nextval('payments_seq'), 12.50, 'processing', 'user:1', ?, 'stripe', 'usd', true, ?,"
                + " now() - interval '1 minute', now())", bookingId, "charge-crashed-" + nextId());

        await(() -> bookingStatus(bookingId).equals("confirmed"), "the reconciler charges and confirms");
        long paymentId = paymentOf(bookingId);
        assertEquals("completed", paymentStatus(paymentId));
        assertEquals(1, stripe.successfulCharges(paymentId));
    }

    @Test
    void aChargeWithNoIdOlderThanTheKeyWindowIsNeverCreatedAgain() throws InterruptedException {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), user(), "H", 1);
        // T1 committed 21 hours ago and no answer ever named the charge: Stripe may have dropped the key by now,
        // so the same create request could charge a second time
        db.update("INSERT INTO payments (payment_id, amount, status, created_by, booking_id, provider, currency,"
                + " checkout, charge_key, charge_started_at, next_check_at)"
                + " VALUES (nextval('payments_seq'), 12.50, 'processing', 'user:1', ?, 'stripe', 'usd', true, ?,"
                + " now() - interval '21 hours', now())", bookingId, "charge-old-" + nextId());
        long paymentId = paymentOf(bookingId);

        // the reconciler (every 500 ms here) leases it and backs off: it was due, so it has been looked at
        await(() -> ((Number) db.single("SELECT check_attempts FROM payments WHERE payment_id = ?", paymentId))
                .intValue() > 0, "the reconciler looks at the payment");
        Thread.sleep(1_000);
        assertEquals(0, stripe.requests("POST", "/v1/payment_intents").size(), "no create request resent");
        assertEquals("processing", paymentStatus(paymentId));
    }

    @Test
    void aPaymentForAHoldThatRanOutIsNotChargedEvenBeforeTheSweep() {
        long bookingId = holdOk(newShowtime(10, 10, "12.50"), user(), "I", 1);
        long paymentId = createPayment("12.50", null, bookingId).then().statusCode(201).extract().jsonPath()
                .getLong("payment.payment_id");
        db.update("UPDATE bookings SET hold_expiry_time = now() - interval '1 second' WHERE booking_id = ?", bookingId);

        assertProblem(process(paymentId), 409, "hold-expired");
        assertProblem(createPayment("12.50", null, bookingId), 409, "hold-expired");
        assertEquals(0, stripe.requests("POST", "/v1/payment_intents").size());
        assertEquals("pending", paymentStatus(paymentId));
        // leave no due hold behind for another test's sweep to count
        cancel(bookingId).then().statusCode(200);
    }

    @Test
    void aChargeThatLandsAfterItsBookingWasCancelledIsRefunded() {
        long st = newShowtime(10, 10, "12.50");
        long bookingId = holdOk(st, user(), "G", 1);
        stripe.latency(UpstreamProfile.PROVIDER_TIMEOUT_MILLIS + 500);

        long paymentId = complete(bookingId).then().statusCode(202).extract().jsonPath()
                .getLong("payment.payment_id");
        cancel(bookingId).then().statusCode(200);
        stripe.latency(0);

        await(() -> paymentStatus(paymentId).equals("refunded"), "the reconciler refunds the late charge");
        assertEquals(1, stripe.successfulCharges(paymentId));
        assertEquals(1, stripe.refundsOfPayment(paymentId));
        assertEquals("cancelled", bookingStatus(bookingId));
        assertEquals(0, db.counter(st));
    }

    private long user() {
        long id = nextId();
        upstream.user(id);
        return id;
    }

    private long processingPayments(long bookingId) {
        return db.count("SELECT count(*) FROM payments WHERE booking_id = ? AND status = 'processing'", bookingId);
    }

    private long paymentOf(long bookingId) {
        return ((Number) db.single("SELECT payment_id FROM payments WHERE booking_id = ?", bookingId)).longValue();
    }
}
