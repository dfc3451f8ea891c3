package com.marquee.booking.booking;

import static com.marquee.booking.booking.ServiceFixtures.assertProblem;
import static com.marquee.booking.booking.ServiceFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.marquee.booking.payment.PaymentProvider;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** The hold rules of the lifecycle: what an expired hold refuses, and how far extend-hold may go. */
@QuarkusTest
class HoldRulesTest {

    @InjectMock
    PaymentProvider provider;

    @Inject
    BookingLifecycle lifecycle;

    @Inject
    BookingQueries queries;

    @Inject
    ServiceFixtures fixtures;

    @Test
    @RunOnVertxContext
    void completeRefusesAnExpiredHoldBeforeAnyPaymentExists(UniAsserter asserter) {
        asserter.execute(() -> fixtures.pendingBooking("10.00", Instant.now().plus(2, ChronoUnit.DAYS))
                .invoke(b -> asserter.putData("id", b.bookingId())));
        asserter.execute(() -> fixtures.expireHold(id(asserter)));

        asserter.assertFailedWith(() -> lifecycle.complete(id(asserter), null),
                e -> assertProblem(e, "hold-expired"));
        asserter.assertEquals(() -> fixtures.paymentsOf(id(asserter)), 0L);
        asserter.execute(() -> {
            verify(provider, never()).charge(any());
        });
    }

    @Test
    @RunOnVertxContext
    void extendAddsToTheCurrentExpiryAndStopsAtTheShowtimeStart(UniAsserter asserter) {
        Instant start = Instant.now().plus(17, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        asserter.execute(() -> fixtures.pendingBooking("10.00", start).invoke(b -> {
            asserter.putData("id", b.bookingId());
            asserter.putData("expiry", b.holdExpiryTime());
        }));

        // 10 min hold + 5 = 15 min: before the start, so added in full, to the expiry (not to now)
        asserter.assertThat(() -> lifecycle.extend(id(asserter), 5), extension -> {
            assertFalse(extension.capped());
            assertEquals(Duration.ofMinutes(5), extension.added());
            assertEquals(((Instant) asserter.getData("expiry")).plus(Duration.ofMinutes(5)),
                    extension.booking().holdExpiryTime());
        });
        // + 5 more would pass the start at 17 min: capped there
        asserter.assertThat(() -> lifecycle.extend(id(asserter), 5), extension -> {
            assertTrue(extension.capped());
            assertEquals(start, extension.booking().holdExpiryTime());
            assertTrue(extension.booking().seats().stream().allMatch(seat -> start.equals(seat.holdExpiryTime())));
        });
        // at the cap nothing more can be added
        asserter.assertFailedWith(() -> lifecycle.extend(id(asserter), 1),
                e -> assertProblem(e, "hold-extension-limit"));
        asserter.assertEquals(() -> queries.booking(id(asserter)).map(BookingView::holdExpiryTime), start);
    }

    @Test
    @RunOnVertxContext
    void extendNeverShortensAHoldThatAlreadyRunsPastTheCap(UniAsserter asserter) {
        // a hold of 10 min on a showtime starting in 10 min 30 s ... that is then moved 5 minutes earlier
        Instant start = Instant.now().plus(Duration.ofSeconds(630)).truncatedTo(ChronoUnit.SECONDS);
        asserter.execute(() -> fixtures.pendingBooking("10.00", start).invoke(b -> {
            asserter.putData("id", b.bookingId());
            asserter.putData("showtime", b.showtimeId());
            asserter.putData("expiry", b.holdExpiryTime());
        }));
        asserter.execute(() -> fixtures.moveStart((Long) asserter.getData("showtime"), start.minus(5, ChronoUnit.MINUTES)));

        asserter.assertFailedWith(() -> lifecycle.extend(id(asserter), 5),
                e -> assertProblem(e, "hold-extension-limit"));
        asserter.assertThat(() -> queries.booking(id(asserter)), booking -> assertEquals(asserter.getData("expiry"),
                booking.holdExpiryTime(), "the expiry is left as it was, not pulled in to the new start"));
    }

    @Test
    @RunOnVertxContext
    void anExpiredHoldCannotBeExtended(UniAsserter asserter) {
        asserter.execute(() -> fixtures.pendingBooking("10.00", Instant.now().plus(2, ChronoUnit.DAYS))
                .invoke(b -> asserter.putData("id", b.bookingId())));
        asserter.execute(() -> fixtures.expireHold(id(asserter)));

        asserter.assertFailedWith(() -> lifecycle.extend(id(asserter), 5),
                e -> assertProblem(e, "hold-expired"));
    }
}
