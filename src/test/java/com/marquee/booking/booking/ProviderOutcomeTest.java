package com.marquee.booking.booking;

import static com.marquee.booking.booking.ServiceFixtures.assertProblem;
import static com.marquee.booking.booking.ServiceFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.payment.PaymentProvider;
import com.marquee.booking.payment.PaymentProvider.Outcome;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;

/**
 * What the lifecycle decides once the payment provider answers a checkout (T2): the provider port is mocked, the
 * rows are real (PostgreSQL), so each test reads what was committed rather than which repository methods ran.
 */
@QuarkusTest
class ProviderOutcomeTest {

    private static final Instant IN_TWO_DAYS = Instant.now().plus(2, ChronoUnit.DAYS);

    @InjectMock
    PaymentProvider provider;

    @Inject
    BookingLifecycle lifecycle;

    @Inject
    BookingQueries queries;

    @Inject
    ServiceFixtures fixtures;

    @BeforeEach
    void aProviderNamedLikeTheShippedOne() {
        when(provider.name()).thenReturn("simulated");
    }

    @Test
    @RunOnVertxContext
    void aDeclineFailsThePaymentAndLeavesTheBookingPendingForARetry(UniAsserter asserter) {
        when(provider.charge(any())).thenReturn(Uni.createFrom().item(Outcome.declined("ch_1", "card declined")),
                Uni.createFrom().item(Outcome.approved("ch_2")));
        asserter.execute(() -> fixtures.pendingBooking("10.00", IN_TWO_DAYS).invoke(b -> asserter.putData("id", b.bookingId())));

        asserter.assertThat(() -> lifecycle.complete(id(asserter), null), settled -> {
            assertEquals(Settlement.Outcome.DECLINED, settled.outcome());
            assertEquals("failed", settled.payment().status());
            assertEquals("card declined", settled.payment().failureReason());
        });
        asserter.assertThat(() -> queries.booking(id(asserter)), booking -> {
            assertEquals("pending", booking.status());
            assertNull(booking.paymentId());
            assertTrue(booking.seats().stream().allMatch(seat -> "on_hold".equals(seat.status())));
        });
        // the hold still runs: a second try is charged anew and confirms
        asserter.assertThat(() -> lifecycle.complete(id(asserter), null), settled -> {
            assertEquals(Settlement.Outcome.COMPLETED, settled.outcome());
            assertEquals("confirmed", settled.booking().status());
            assertEquals(settled.payment().paymentId(), settled.booking().paymentId());
        });
        asserter.assertEquals(() -> fixtures.paymentsOf(id(asserter)), 2L);
    }

    @Test
    @RunOnVertxContext
    void anUnknownOutcomeLeavesThePaymentProcessingAndRefusesASecondCharge(UniAsserter asserter) {
        when(provider.charge(any())).thenReturn(Uni.createFrom().item(Outcome.unknown(null, "timed out")));
        asserter.execute(() -> fixtures.pendingBooking("10.00", IN_TWO_DAYS).invoke(b -> asserter.putData("id", b.bookingId())));

        asserter.assertThat(() -> lifecycle.complete(id(asserter), null), settled -> {
            assertEquals(Settlement.Outcome.PENDING, settled.outcome());
            assertEquals("processing", settled.payment().status());
            assertEquals("pending", settled.booking().status());
        });
        asserter.assertFailedWith(() -> lifecycle.complete(id(asserter), null),
                e -> assertProblem(e, "payment-in-progress"));
        asserter.execute(() -> {
            verify(provider, times(1)).charge(any());
        });
    }

    @Test
    @RunOnVertxContext
    void aProviderFailureIsAnUnknownOutcomeNeverADecline(UniAsserter asserter) {
        when(provider.charge(any())).thenReturn(Uni.createFrom().failure(new IllegalStateException("provider bug")));
        asserter.execute(() -> fixtures.pendingBooking("10.00", IN_TWO_DAYS).invoke(b -> asserter.putData("id", b.bookingId())));

        asserter.assertThat(() -> lifecycle.complete(id(asserter), null), settled -> {
            assertEquals(Settlement.Outcome.PENDING, settled.outcome());
            assertEquals("processing", settled.payment().status());
        });
    }

    @Test
    @RunOnVertxContext
    void anApprovalForABookingCancelledMeanwhileIsRefunded(UniAsserter asserter) {
        // the user cancels while the provider is still charging
        when(provider.charge(any())).thenAnswer(call -> lifecycle.cancel(
                ((PaymentProvider.Charge) call.getArgument(0)).bookingId()).replaceWith(Outcome.approved("ch_9")));
        when(provider.refund(any())).thenReturn(Uni.createFrom().item(Outcome.approved("re_9")));
        asserter.execute(() -> fixtures.pendingBooking("10.00", IN_TWO_DAYS).invoke(b -> asserter.putData("id", b.bookingId())));

        asserter.assertThat(() -> lifecycle.complete(id(asserter), null), settled -> {
            assertEquals(Settlement.Outcome.REFUNDED, settled.outcome());
            assertEquals("cancelled", settled.booking().status());
            asserter.putData("payment", settled.payment().paymentId());
        });
        asserter.assertThat(() -> queries.payment((Long) asserter.getData("payment")), payment -> {
            assertEquals("refunded", payment.status());
            assertEquals("ch_9", payment.gatewayReference());
        });
        asserter.assertThat(() -> queries.booking(id(asserter)), booking -> {
            assertEquals("cancelled", booking.status());
            assertNull(booking.paymentId(), "a refunded charge never pays for the booking");
            assertTrue(booking.seats().stream().allMatch(seat -> "released".equals(seat.status())));
        });
        asserter.execute(() -> {
            verify(provider, times(1)).refund(any());
        });
    }
}
