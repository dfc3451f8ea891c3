package com.marquee.booking.scheduler;

import static com.marquee.booking.support.Fixtures.booking;
import static com.marquee.booking.support.Fixtures.bookingStatus;
import static com.marquee.booking.support.Fixtures.hold;
import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Fixtures.seatsBooked;
import static com.marquee.booking.support.Payments.cancel;
import static com.marquee.booking.support.Payments.completeOk;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.booking.BookingLifecycle;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.support.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The Theatre UI's flow with auto-confirm on: the job completes bookings older than the delay, the UI only polls.
 * In tests the job is off (CheckoutConcurrencyTest checks that a disabled job does nothing), so each test runs
 * what one pass of it runs: the lifecycle's due bookings, each completed as the job completes it. A booking is
 * made "older than the delay" by moving its booking time back: nothing waits, and no extra app is started.
 */
@QuarkusTest
class AutoConfirmTest {

    /** A pass completes up to booking.auto-confirm.batch-size bookings, oldest first (other tests' too). */
    private static final int MAX_PASSES = 30;

    @Inject
    BookingLifecycle lifecycle;

    @Inject
    BookingConfig config;

    @Inject
    DataSource dataSource;

    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void aBookingMadeWithIntegerRowsConfirmsItselfOnceOlderThanTheDelayWhileTheUiPolls() {
        long st = newShowtime();
        var created = hold(st, nextId(), 3, 4, 3, 5);
        created.then().statusCode(201).body("status", equalTo("pending"));
        long bookingId = created.jsonPath().getLong("booking_id");
        String pollUrl = created.path("poll_url");

        pass();
        assertEquals("pending", bookingStatus(bookingId), "not before the delay");
        assertEquals(0, payments(bookingId));

        olderThanTheDelay(bookingId);
        passUntil(() -> "confirmed".equals(given().get(pollUrl).then().statusCode(200).extract()
                .path("booking.status")), "booking " + bookingId + " confirmed");

        booking(bookingId).then().statusCode(200)
                .body("booking.seats.status", everyItem(equalTo("booked")))
                .body("booking.seats.row", everyItem(equalTo(3)))
                .body("booking.payment.status", equalTo("completed"))
                .body("booking.payment.created_by", equalTo("auto-confirm"))
                .body("booking.payment.amount", equalTo(25.0f));
        assertEquals(2, seatsBooked(st));
        assertEquals(1, payments(bookingId));
    }

    @Test
    void cancelledOrAlreadyCompletedBookingsAreLeftAlone() {
        long st = newShowtime();
        long cancelled = holdOk(st, nextId(), 1, 1);
        cancel(cancelled).then().statusCode(200);
        long completed = holdOk(st, nextId(), 1, 2);
        long paymentId = completeOk(completed);
        long witness = holdOk(st, nextId(), 1, 3);
        olderThanTheDelay(cancelled);
        olderThanTheDelay(completed);
        olderThanTheDelay(witness);

        // passes take bookings oldest first: once the latest is confirmed, the earlier ones were looked at
        passUntil(() -> "confirmed".equals(bookingStatus(witness)), "witness " + witness + " confirmed");

        assertEquals("cancelled", bookingStatus(cancelled));
        assertEquals(0, payments(cancelled));
        booking(completed).then().body("booking.payment_id", equalTo((int) paymentId));
        assertEquals(1, payments(completed));
        assertEquals(db.activeSeats(st), db.counter(st));
    }

    @Test
    void aDeclinedBookingStaysPendingAndIsNotRetried() {
        long st = newShowtime(3, 3, "9.13");
        long bookingId = holdOk(st, nextId(), 2, 2);
        olderThanTheDelay(bookingId);

        passUntil(() -> payments(bookingId) > 0, "booking " + bookingId + " charged");
        pass();
        pass();

        assertEquals(1, payments(bookingId));
        assertEquals("failed", db.single("SELECT status FROM payments WHERE booking_id = ?", bookingId));
        booking(bookingId).then().body("booking.status", equalTo("pending"))
                .body("booking.seats.status", everyItem(equalTo("on_hold")));
        assertEquals(1, seatsBooked(st));
    }

    /** Moves the booking's creation back past booking.auto-confirm.delay (its hold is left as it is). */
    private void olderThanTheDelay(long bookingId) {
        long seconds = config.autoConfirm().delay().toSeconds() + 1;
        db.update("UPDATE bookings SET booking_time = booking_time - make_interval(secs => ?) WHERE booking_id = ?",
                seconds, bookingId);
    }

    /** What one run of {@link AutoConfirmJob} does once enabled: each due booking completed, one failure skipped. */
    private void pass() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> lifecycle.autoConfirmDue(config.autoConfirm().batchSize())
                    .chain(ids -> completeEach(ids, 0)));
        } catch (Throwable e) {
            throw new AssertionError("auto-confirm pass failed", e);
        }
    }

    private Uni<Void> completeEach(List<Long> ids, int index) {
        if (index == ids.size()) {
            return Uni.createFrom().voidItem();
        }
        return lifecycle.autoComplete(ids.get(index)).onFailure().recoverWithNull()
                .chain(() -> completeEach(ids, index + 1));
    }

    private void passUntil(BooleanSupplier condition, String what) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            pass();
            if (condition.getAsBoolean()) {
                return;
            }
        }
        fail("not " + what + " after " + MAX_PASSES + " passes");
    }

    private long payments(long bookingId) {
        return db.count("SELECT count(*) FROM payments WHERE booking_id = ?", bookingId);
    }
}
