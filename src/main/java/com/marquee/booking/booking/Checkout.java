package com.marquee.booking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.marquee.booking.common.change.SeatsChanged;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.common.idempotency.IdempotencyClaim;
import com.marquee.booking.common.idempotency.IdempotencyService;
import com.marquee.booking.common.idempotency.StoredResponse;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentProvider;
import com.marquee.booking.payment.PaymentProvider.Outcome;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStateConflict;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.seat.BookedSeatRepository;
import com.marquee.booking.showtime.ShowtimeRepository;
import com.marquee.booking.events.EventType;
import com.marquee.booking.events.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Charging: a short state machine, so that no provider call ever runs inside a transaction or under a lock.
 * <ol>
 * <li><b>T1</b>: lock the booking (or the payment), re-check state and hold, record the payment as
 * {@code processing} with the provider idempotency key it will be charged under; commit.</li>
 * <li>The provider call, with a timeout, holding no transaction, lock or pooled connection.</li>
 * <li><b>T2</b> ({@link #settle}): lock the booking then the payment and record the outcome: approved
 * confirms a checkout's booking (or, if the booking was cancelled or released meanwhile, starts a refund:
 * no money is kept for seats not held); declined fails the payment (the booking stays pending); unknown
 * leaves it processing for the reconciler, which asks again under the same key.</li>
 * </ol>
 * T2 is the one settlement of a charge, whoever learned the outcome (this request, a webhook, the reconciler):
 * it is idempotent (a payment no longer processing is left as it is) and records the answer of the request
 * whose Idempotency-Key the payment carries, in its own transaction.
 */
@ApplicationScoped
class Checkout {

    private static final Logger LOG = Logger.getLogger(Checkout.class);

    /** {@code created_by} of the payments the auto-confirm job makes (and how it recognises its own tries). */
    static final String AUTO_CONFIRM = "auto-confirm";

    private static final String CHARGE_IN_FLIGHT_INDEX = "payments_charge_in_flight_uq";

    /** How long a charge's create request may be repeated under its key (Stripe keeps keys 24 h at least). */
    static final Duration REPLAY_WINDOW = Duration.ofHours(20);

    /** T1's outcome: a charge to make (or to ask about again), or an answer that needs no charge. */
    private record Started(Payment payment, boolean resumed, Settlement done) {
    }

    /** T2's outcome: whether it changed the payment, and whether it started a refund that must now be made. */
    record Settled(Settlement settlement, boolean changed, boolean refundStarted) {
    }

    private final BookingLocks locks;
    private final PaymentRepository payments;
    private final ShowtimeRepository showtimes;
    private final BookedSeatRepository seats;
    private final BookingViews views;
    private final Outbox events;
    private final Refunds refunds;
    private final PaymentProvider provider;
    private final CheckoutAnswers answers;
    private final IdempotencyService idempotency;
    private final BookingMetrics metrics;
    private final Event<SeatsChanged> seatsChanged;
    private final BookingConfig.Payments config;
    private final Clock clock;

    Checkout(BookingLocks locks, PaymentRepository payments, ShowtimeRepository showtimes, BookedSeatRepository seats,
            BookingViews views, Outbox events, Refunds refunds, PaymentProvider provider,
            CheckoutAnswers answers, IdempotencyService idempotency, BookingMetrics metrics,
            Event<SeatsChanged> seatsChanged, BookingConfig config, Clock clock) {
        this.locks = locks;
        this.payments = payments;
        this.showtimes = showtimes;
        this.seats = seats;
        this.views = views;
        this.events = events;
        this.refunds = refunds;
        this.provider = provider;
        this.answers = answers;
        this.idempotency = idempotency;
        this.metrics = metrics;
        this.seatsChanged = seatsChanged;
        this.config = config.payments();
        this.clock = clock;
    }

    /** {@code POST /api/bookings/{id}/complete}: charges the amount due and confirms the booking. */
    Uni<Settlement> complete(long bookingId, IdempotencyClaim claim) {
        return Transactions.inTransaction(() -> locks.booking(bookingId)
                .chain(booking -> begin(booking, "user:" + booking.userId, claim)))
                .chain(started -> run(started, claim));
    }

    /** The auto-confirm job's checkout of one booking, if it is still due and nobody holds it; else null. */
    Uni<Settlement> autoComplete(long bookingId, Duration delay) {
        Instant now = clock.instant();
        return Transactions.inTransaction(() -> locks.bookingDueForAutoConfirm(bookingId, now.minus(delay), now,
                AUTO_CONFIRM).chain(booking -> booking == null ? Uni.createFrom().<Started> nullItem()
                        : begin(booking, AUTO_CONFIRM, null)))
                .chain(started -> started == null ? Uni.createFrom().<Settlement> nullItem() : run(started, null));
    }

    /**
     * {@code POST /api/payments/{id}/process}: charges a pending payment made without a checkout. A payment for a
     * booking that is no longer pending is refused before any charge (one that ends meanwhile is refunded in T2).
     */
    Uni<Settlement> process(long paymentId) {
        return Transactions.inTransaction(() -> locks.chargedBookingThenPayment(paymentId).chain(locked -> {
            Payment payment = locked.payment();
            if (payment.status != PaymentStatus.PENDING) {
                throw PaymentStateConflict.notPending(payment, "processed");
            }
            Booking booking = locked.booking();
            Instant now = clock.instant();
            if (booking != null) {
                // a booking no longer held (even before the sweep has released it) must not be paid for
                requireHeld(booking, now, "paid for");
            }
            payment.startCharge(provider.name(), config.currency(), now, now.plus(config.reconcileAfter()));
            return payments.flush().map(ignored -> new Started(payment, false, null));
        })).onFailure(e -> DatabaseFailures.isUniqueViolation(e, CHARGE_IN_FLIGHT_INDEX))
                .transform(e -> PaymentStateConflict.chargeInFlight(paymentId))
                .chain(started -> run(started, null));
    }

    /** The reconciler: asks the provider what became of a charge nobody settled, under the same key. */
    Uni<Settlement> reconcile(Payment payment) {
        return call(payment, true).chain(outcome -> settle(payment.id, outcome));
    }

    /**
     * T2: records a provider's answer about a charge (this request's, a webhook's or the reconciler's). A
     * refund it starts (charged after the booking was released) is made before it returns.
     */
    Uni<Settlement> settle(long paymentId, Outcome outcome) {
        return Transactions.inTransaction(() -> locks.chargedBookingThenPayment(paymentId)
                .chain(locked -> settleLocked(locked.booking(), locked.payment(), outcome, clock.instant())))
                .call(this::afterCommit)
                .map(Settled::settlement);
    }

    /** T2 inside a transaction the caller opened (a webhook records the event in the same one). */
    Uni<Settled> settleInTransaction(long paymentId, Outcome outcome) {
        return locks.chargedBookingThenPayment(paymentId)
                .chain(locked -> settleLocked(locked.booking(), locked.payment(), outcome, clock.instant()));
    }

    /** Counts what a committed T2 changed, then makes the refund it started. */
    Uni<Void> afterCommit(Settled settled) {
        Settlement settlement = settled.settlement();
        if (settled.changed()) {
            events.committed();
            switch (settlement.outcome()) {
                case COMPLETED, REFUNDED -> metrics.payment("completed");
                case DECLINED -> metrics.payment("declined");
                case PENDING -> {
                }
            }
            BookingView booking = settlement.booking();
            if (settlement.outcome() == Settlement.Outcome.COMPLETED && booking != null
                    && Long.valueOf(settlement.payment().paymentId()).equals(booking.paymentId())) {
                metrics.bookingConfirmed();
                seatsChanged.fire(SeatsChanged.of(booking.showtimeId())); // held seats are booked now
            }
        }
        return settled.refundStarted() ? refunds.run(settlement.payment().paymentId()).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    private Uni<Started> begin(Booking booking, String payer, IdempotencyClaim claim) {
        Instant now = clock.instant(); // after the lock: a wait for another checkout counts against the hold
        return payments.findChargeInFlight(booking.id).chain(inFlight -> {
            if (inFlight != null) {
                if (claim != null && Long.valueOf(claim.id()).equals(inFlight.idempotencyKeyId)) {
                    return Uni.createFrom().item(new Started(inFlight, true, null)); // this request, retried
                }
                throw BookingStateConflict.chargeInProgress(booking.id, inFlight.id);
            }
            if (booking.status == BookingStatus.CONFIRMED && claim != null && booking.paymentId != null) {
                return earlierSuccess(booking, claim);
            }
            requireHeld(booking, now, "completed");
            return showtimes.findById(booking.showtimeId).chain(showtime -> {
                if (showtime != null && showtime.hasStartedAt(now)) {
                    throw BookingStateConflict.showtimeStarted(booking, showtime.startTime);
                }
                Payment payment = Payment.pending(booking.amountDue(), payer, booking.id);
                payment.checkout = true;
                payment.idempotencyKeyId = claim == null ? null : claim.id();
                payment.startCharge(provider.name(), config.currency(), now, now.plus(config.reconcileAfter()));
                return payments.persist(payment).call(payments::flush)
                        .map(saved -> new Started(payment, false, null));
            });
        }).onFailure(e -> DatabaseFailures.isUniqueViolation(e, CHARGE_IN_FLIGHT_INDEX))
                .transform(e -> BookingStateConflict.chargeInProgress(booking.id, null));
    }

    /**
     * The request that confirmed this booking is being retried after its answer was lost (a crash between the
     * work and the answer): it gets the success it earned, not a 409 and never a second charge.
     */
    private Uni<Started> earlierSuccess(Booking booking, IdempotencyClaim claim) {
        return payments.findById(booking.paymentId).chain(payment -> {
            if (payment == null || !Long.valueOf(claim.id()).equals(payment.idempotencyKeyId)) {
                throw BookingStateConflict.notPending(booking, "completed");
            }
            return views.of(booking).map(view -> new Started(payment, false,
                    new Settlement(Settlement.Outcome.COMPLETED, view, PaymentView.of(payment))));
        });
    }

    /** After T1 committed: the provider call, then T2. */
    private Uni<Settlement> run(Started started, IdempotencyClaim claim) {
        if (claim != null) {
            claim.link(); // committed: the settlement answers this request from now on
        }
        if (started.done() != null) {
            return claim == null ? Uni.createFrom().item(started.done())
                    : Panache.withTransaction(() -> claim.record(answer(started.done(), true)))
                            .replaceWith(started.done());
        }
        return call(started.payment(), started.resumed()).chain(outcome -> settle(started.payment().id, outcome));
    }

    /** The provider, bounded in time; whatever goes wrong is an unknown outcome, never a decline. */
    private Uni<Outcome> call(Payment payment, boolean askAgain) {
        if (askAgain && payment.gatewayReference == null && payment.chargeStartedAt != null
                && payment.chargeStartedAt.isBefore(clock.instant().minus(REPLAY_WINDOW))) {
            // Asking again without the charge's id means repeating the create request under its idempotency key,
            // which the provider keeps for 24 hours only (Stripe): after that the same request would charge
            // again. Leave it to a person, loudly, once per reconcile pass (at most hourly).
            LOG.errorf("Payment %d: no answer from %s since %s and no charge id to look up; not asking again under"
                    + " an idempotency key the provider may have dropped (that could charge twice). Find the charge"
                    + " with metadata payment_id=%d in the provider's dashboard and settle or refund it by hand",
                    payment.id, payment.provider, payment.chargeStartedAt, payment.id);
            return Uni.createFrom().item(Outcome.unknown(null, "needs manual review: no charge id after "
                    + REPLAY_WINDOW.toHours() + " h"));
        }
        PaymentProvider.Charge charge = payment.charge(config.currency());
        Uni<Outcome> asked = Uni.createFrom().deferred(() -> askAgain ? provider.lookup(charge, payment.gatewayReference)
                : provider.charge(charge));
        return Upstream.onCallerContext(asked
                .ifNoItem().after(config.timeout())
                .recoverWithItem(() -> Outcome.unknown(null, "no answer within " + config.timeout().toMillis() + " ms"))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "Payment provider call for payment %d failed unexpectedly", payment.id);
                    return Outcome.unknown(null, e.toString());
                }));
    }

    private Uni<Settled> settleLocked(Booking booking, Payment payment, Outcome outcome, Instant now) {
        if (payment.status != PaymentStatus.PROCESSING) {
            return current(booking, payment).map(settlement -> new Settled(settlement, false, false));
        }
        if (outcome.unknown()) {
            LOG.infof("Outcome of payment %d not known yet (%s); the reconciler will ask again", payment.id,
                    outcome.reason());
            if (outcome.reference() != null && payment.gatewayReference == null) {
                // the provider named its charge (a processing or requires_action intent): the reconciler then
                // reads that charge as it is now instead of replaying the create request's first answer
                payment.gatewayReference = outcome.reference();
            }
            return payments.flush().chain(() -> views(booking, payment))
                    .map(s -> new Settled(withOutcome(s, Settlement.Outcome.PENDING), false, false));
        }
        if (outcome.reference() != null) {
            payment.gatewayReference = outcome.reference();
        }
        payment.nextCheckAt = null;
        if (outcome.declined()) {
            payment.status = PaymentStatus.FAILED;
            payment.failureReason = outcome.reason();
            return payments.flush().chain(() -> events.payment(EventType.PAYMENT_FAILED, payment.id, now))
                    .chain(() -> finish(booking, payment, Settlement.Outcome.DECLINED, false));
        }
        payment.status = PaymentStatus.COMPLETED;
        payment.failureReason = null;
        Uni<Void> recorded = payments.flush().chain(() -> events.payment(EventType.PAYMENT_COMPLETED, payment.id, now));
        if (booking != null && booking.status != BookingStatus.PENDING && !payment.id.equals(booking.paymentId)) {
            // the booking it pays for was released, cancelled or paid another way while the charge was in flight
            // (a checkout's, or one made with POST /api/payments/): no money is kept for seats not held
            LOG.infof("Payment %d was charged after booking %d ended (%s); refunding it", payment.id, booking.id,
                    booking.status.wire());
            return recorded.invoke(() -> refunds.start(payment, now))
                    .chain(() -> finish(booking, payment, Settlement.Outcome.REFUNDED, true));
        }
        if (!payment.checkout || booking == null) {
            return recorded.chain(() -> finish(booking, payment, Settlement.Outcome.COMPLETED, false));
        }
        booking.status = BookingStatus.CONFIRMED;
        booking.paymentId = payment.id;
        booking.holdExpiryTime = null;
        return recorded.chain(() -> seats.book(booking.id, now)).chain(() -> locks.flush())
                .chain(() -> events.booking(EventType.BOOKING_CONFIRMED, booking.id, now))
                .chain(() -> finish(booking, payment, Settlement.Outcome.COMPLETED, false));
    }

    /** Builds the settlement and records it as the answer of the request whose key the payment carries. */
    private Uni<Settled> finish(Booking booking, Payment payment, Settlement.Outcome outcome, boolean refund) {
        return payments.flush().chain(() -> views(booking, payment)).chain(settlement -> {
            Settlement settled = withOutcome(settlement, outcome);
            Uni<Void> answered = payment.idempotencyKeyId == null ? Uni.createFrom().voidItem()
                    : idempotency.recordSettled(payment.idempotencyKeyId, answer(settled, payment.checkout));
            return answered.map(ignored -> new Settled(settled, true, refund));
        });
    }

    /** A payment settled earlier (by a webhook, the reconciler or a concurrent T2): its outcome as it stands. */
    private Uni<Settlement> current(Booking booking, Payment payment) {
        Settlement.Outcome outcome = switch (payment.status) {
            case FAILED -> Settlement.Outcome.DECLINED;
            case REFUNDING, REFUNDED -> Settlement.Outcome.REFUNDED;
            default -> Settlement.Outcome.COMPLETED;
        };
        return views(booking, payment).map(s -> withOutcome(s, outcome));
    }

    private Uni<Settlement> views(Booking booking, Payment payment) {
        Uni<BookingView> view = booking == null ? Uni.createFrom().nullItem() : views.of(booking);
        return view.map(b -> new Settlement(null, b, PaymentView.of(payment)));
    }

    private static Settlement withOutcome(Settlement settlement, Settlement.Outcome outcome) {
        return new Settlement(outcome, settlement.booking(), settlement.payment());
    }

    private StoredResponse answer(Settlement settled, boolean checkout) {
        return checkout ? answers.completion(settled) : answers.processing(settled);
    }

    static void requireHeld(Booking booking, Instant now, String action) {
        if (booking.status != BookingStatus.PENDING) {
            throw BookingStateConflict.notPending(booking, action);
        }
        if (!booking.isHeldAt(now)) {
            throw BookingStateConflict.holdExpired(booking);
        }
    }
}
