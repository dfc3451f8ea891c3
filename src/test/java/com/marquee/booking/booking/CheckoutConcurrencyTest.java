package com.marquee.booking.booking;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.bookingStatus;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Payments.complete;
import static com.marquee.booking.support.Payments.completeOk;
import static com.marquee.booking.support.Payments.completedPayment;
import static com.marquee.booking.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.scheduler.AutoConfirmJob;
import com.marquee.booking.scheduler.HoldExpiryJob;
import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;
import com.marquee.booking.support.Concurrently.Call;
import com.marquee.booking.support.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Checkout under real concurrency, with the invariants checked in the database behind the API. */
@QuarkusTest
class CheckoutConcurrencyTest {

    @Inject
    DataSource dataSource;

    @Inject
    HoldExpiryJob expiryJob;

    @Inject
    AutoConfirmJob autoConfirmJob;

    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void ofTenParallelCompletesExactlyOneCharges() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "A", 1, "A", 2);

        List<Answer> answers = Concurrently.times(10, Call.post("/api/bookings/" + bookingId + "/complete"));

        assertEquals(1, Concurrently.count(answers, 200), answers.toString());
        assertEquals(9, Concurrently.count(answers, 409), answers.toString());
        // the losers either met the charge in flight (no lock is held across the provider call) or its result
        answers.stream().filter(a -> a.status() == 409)
                .forEach(a -> assertTrue(a.body().contains("\"error\":\"booking_not_pending\"")
                        || a.body().contains("\"error\":\"payment_in_progress\""), a.body()));
        assertEquals(1, paymentsOf(bookingId));
        assertEquals(1, db.count("SELECT count(*) FROM payments WHERE booking_id = ? AND status = 'completed'",
                bookingId));
        assertEquals("confirmed", bookingStatus(bookingId));
        assertEquals(db.activeSeats(st), db.counter(st));
        assertEquals(2, db.count("SELECT count(*) FROM booked_seats WHERE booking_id = ? AND status = 'booked'",
                bookingId));
    }

    @Test
    void anExpiredHoldIsRefusedBeforeAnyPaymentExists() {
        long st = newShowtime();
        long bookingId = holdOk(st, nextId(), "B", 1);
        db.expireHold(bookingId);

        assertProblem(complete(bookingId), 409, "hold-expired");
        assertEquals(0, paymentsOf(bookingId));
        assertEquals("pending", bookingStatus(bookingId));

        long paymentId = completedPayment("12.50");
        assertProblem(com.marquee.booking.support.Payments.confirm(bookingId, paymentId), 409, "hold-expired");
        assertEquals(0, db.count("SELECT count(*) FROM bookings WHERE payment_id = ?", paymentId));
    }

    @Test
    void completeRacingTheExpirySweepNeverLeavesAPaidBookingWithReleasedSeats() throws Exception {
        // the complete lands well before, around and well after the moment the hold runs out
        int[] completeDelaysMs = { 0, 150, 250, 300, 350, 450, 800 };
        int confirmed = 0;
        int cancelled = 0;
        for (int delay : completeDelaysMs) {
            long st = newShowtime();
            long bookingId = holdOk(st, nextId(), "C", 1, "C", 2);
            db.update("UPDATE bookings SET hold_expiry_time = now() + interval '300 milliseconds'"
                    + " WHERE booking_id = ?", bookingId);
            db.update("UPDATE booked_seats SET hold_expiry_time = now() + interval '300 milliseconds'"
                    + " WHERE booking_id = ?", bookingId);

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Integer> completing = CompletableFuture.supplyAsync(() -> {
                await(start);
                sleep(delay);
                return complete(bookingId).statusCode();
            });
            CompletableFuture<Integer> sweeping = CompletableFuture.supplyAsync(() -> {
                await(start);
                sleep(310);
                int released = 0;
                // sweep repeatedly for a while, as instances on a short interval would
                for (int i = 0; i < 6; i++) {
                    released += sweep();
                    sleep(50);
                }
                return released;
            });
            start.countDown();
            int status = completing.get(30, TimeUnit.SECONDS);
            sweeping.get(30, TimeUnit.SECONDS);
            sweep(); // settles a hold the complete was refused for

            String state = bookingStatus(bookingId);
            long completedPayments = db.count(
                    "SELECT count(*) FROM payments WHERE booking_id = ? AND status = 'completed'", bookingId);
            if (state.equals("confirmed")) {
                confirmed++;
                assertEquals(200, status);
                assertEquals(1, completedPayments);
                assertEquals(2, db.count("SELECT count(*) FROM booked_seats WHERE booking_id = ? AND status = 'booked'",
                        bookingId));
            } else {
                cancelled++;
                assertEquals("cancelled", state, "delay " + delay);
                assertEquals(409, status, "delay " + delay);
                assertEquals(0, completedPayments, "a cancelled booking was charged (delay " + delay + ")");
                assertEquals(0, paymentsOf(bookingId), "the hold was checked before any payment existed");
                assertEquals(2, db.count(
                        "SELECT count(*) FROM booked_seats WHERE booking_id = ? AND status = 'released'", bookingId));
            }
            assertEquals(db.activeSeats(st), db.counter(st));
        }
        // the extremes are not races: early completes confirm, late ones find the booking expired
        assertTrue(confirmed >= 1 && cancelled >= 1, "confirmed " + confirmed + ", cancelled " + cancelled);
    }

    @Test
    void twoBookingsConfirmingWithOnePaymentLetOnlyOneWin() {
        long first = holdOk(newShowtime(), nextId(), "D", 1);
        long second = holdOk(newShowtime(), nextId(), "D", 1);
        long paymentId = completedPayment("12.50");
        String body = "{\"payment_id\": " + paymentId + "}";

        List<Answer> answers = Concurrently.run(List.of(
                Call.post("/api/bookings/" + first + "/confirm", body),
                Call.post("/api/bookings/" + second + "/confirm", body)));

        assertEquals(1, Concurrently.count(answers, 200), answers.toString());
        assertEquals(1, Concurrently.count(answers, 409), answers.toString());
        assertTrue(answers.stream().anyMatch(a -> a.body().contains("\"error\":\"payment_already_used\"")));
        assertEquals(1, db.count("SELECT count(*) FROM bookings WHERE payment_id = ?", paymentId));
        assertEquals(1, db.count("SELECT count(*) FROM bookings WHERE booking_id IN (?, ?) AND status = 'pending'",
                first, second));
    }

    @Test
    void refundRacingCancelRefundsOnceAndReleasesOnce() {
        for (int round = 0; round < 3; round++) {
            long st = newShowtime();
            long bookingId = holdOk(st, nextId(), "E", 1, "E", 2);
            long paymentId = completeOk(bookingId);

            List<Answer> answers = Concurrently.run(List.of(
                    Call.post("/api/payments/" + paymentId + "/refund"),
                    Call.post("/api/bookings/" + bookingId + "/cancel")));

            assertEquals(1, Concurrently.count(answers, 200), answers.toString());
            assertEquals(1, Concurrently.count(answers, 409), answers.toString());
            assertEquals("cancelled", bookingStatus(bookingId));
            assertEquals("refunded", db.single("SELECT status FROM payments WHERE payment_id = ?", paymentId));
            assertEquals(0, db.activeSeats(st));
            assertEquals(0, db.counter(st));
        }
    }

    @Test
    void completeRacingCancelNeverLeavesACancelledBookingCharged() {
        for (int round = 0; round < 3; round++) {
            long st = newShowtime();
            long bookingId = holdOk(st, nextId(), "F", 1);

            List<Answer> answers = Concurrently.run(List.of(
                    Call.post("/api/bookings/" + bookingId + "/complete"),
                    Call.post("/api/bookings/" + bookingId + "/cancel")));

            // the cancel always wins in the end (a confirmed booking can be cancelled, with a refund)
            assertEquals(200, answers.get(1).status(), answers.toString());
            assertEquals("cancelled", bookingStatus(bookingId));
            assertEquals(0, db.count("SELECT count(*) FROM payments WHERE booking_id = ? AND status = 'completed'",
                    bookingId));
            assertEquals(0, db.counter(st));
            assertEquals(db.activeSeats(st), db.counter(st));
        }
    }

    @Test
    void theAutoConfirmJobDoesNothingWhileDisabled() throws Throwable {
        long bookingId = holdOk(newShowtime(), nextId(), "G", 1);
        db.update("UPDATE bookings SET booking_time = now() - interval '1 minute' WHERE booking_id = ?", bookingId);

        int confirmed = VertxContextSupport.subscribeAndAwait(() -> autoConfirmJob.confirmDue());

        assertEquals(0, confirmed);
        assertEquals("pending", bookingStatus(bookingId));
        assertEquals(0, paymentsOf(bookingId));
        booking(bookingId).then().statusCode(200);
    }

    private long paymentsOf(long bookingId) {
        return db.count("SELECT count(*) FROM payments WHERE booking_id = ?", bookingId);
    }

    private int sweep() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> expiryJob.sweep());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
