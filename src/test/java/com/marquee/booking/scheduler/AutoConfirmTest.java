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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The Theatre UI's flow with auto-confirm on: the scheduled job completes bookings, the UI only polls. */
@QuarkusTest
@TestProfile(AutoConfirmTest.Enabled.class)
class AutoConfirmTest {

    private static final Duration DELAY = Duration.ofSeconds(1);

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("booking.auto-confirm.enabled", "true",
                    "booking.auto-confirm.delay", "1s",
                    "booking.auto-confirm.interval", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void aBookingMadeWithIntegerRowsConfirmsItselfWhileTheUiPolls() {
        long st = newShowtime();
        var created = hold(st, nextId(), 3, 4, 3, 5);
        created.then().statusCode(201).body("status", equalTo("pending"));
        long bookingId = created.jsonPath().getLong("booking_id");
        String pollUrl = created.path("poll_url");

        assertTrue(poll(Duration.ofSeconds(15),
                () -> "confirmed".equals(given().get(pollUrl).then().statusCode(200).extract().path("booking.status"))),
                "booking " + bookingId + " was not confirmed");

        JsonPath confirmed = booking(bookingId).then().statusCode(200)
                .body("booking.seats.status", everyItem(equalTo("booked")))
                .body("booking.seats.row", everyItem(equalTo(3)))
                .body("booking.payment.status", equalTo("completed"))
                .body("booking.payment.created_by", equalTo("auto-confirm"))
                .body("booking.payment.amount", equalTo(25.0f))
                .extract().jsonPath();
        // not before the delay
        Instant bookedAt = Instant.parse(confirmed.getString("booking.booking_time"));
        Instant paidAt = Instant.parse(confirmed.getString("booking.payment.created_at"));
        assertFalse(paidAt.isBefore(bookedAt.plus(DELAY)), bookedAt + " paid at " + paidAt);
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

        // once a later booking was auto-confirmed, the job has looked at the earlier ones
        assertTrue(poll(Duration.ofSeconds(15), () -> "confirmed".equals(bookingStatus(witness))));

        assertEquals("cancelled", bookingStatus(cancelled));
        assertEquals(0, payments(cancelled));
        booking(completed).then().body("booking.payment_id", equalTo((int) paymentId));
        assertEquals(1, payments(completed));
        assertEquals(db.activeSeats(st), db.counter(st));
    }

    @Test
    void aDeclinedBookingStaysPendingAndIsNotRetried() throws InterruptedException {
        long st = newShowtime(3, 3, "9.13");
        long bookingId = holdOk(st, nextId(), 2, 2);

        assertTrue(poll(Duration.ofSeconds(15), () -> payments(bookingId) > 0));
        Thread.sleep(2_500); // two more runs of the job at least

        assertEquals(1, payments(bookingId));
        assertEquals("failed", db.single("SELECT status FROM payments WHERE booking_id = ?", bookingId));
        booking(bookingId).then().body("booking.status", equalTo("pending"))
                .body("booking.seats.status", everyItem(equalTo("on_hold")));
        assertEquals(1, seatsBooked(st));
    }

    private long payments(long bookingId) {
        return db.count("SELECT count(*) FROM payments WHERE booking_id = ?", bookingId);
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
