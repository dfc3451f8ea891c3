package com.marquee.booking.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.marquee.booking.common.change.SeatsChanged;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.db.Transactions;
import com.marquee.booking.common.idempotency.IdempotencyClaim;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.integration.user.UserDirectory;
import com.marquee.booking.payment.Payment;
import com.marquee.booking.payment.PaymentNotFound;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.payment.PaymentStateConflict;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.payment.PaymentView;
import com.marquee.booking.payment.ProviderEvent;
import com.marquee.booking.seat.BookedSeat;
import com.marquee.booking.seat.BookedSeatRepository;
import com.marquee.booking.seat.RowLabels;
import com.marquee.booking.seat.Seat;
import com.marquee.booking.seat.SeatStatus;
import com.marquee.booking.seat.SeatView;
import com.marquee.booking.seat.SeatsUnavailable;
import com.marquee.booking.showtime.Showtime;
import com.marquee.booking.showtime.ShowtimeCatalog;
import com.marquee.booking.showtime.ShowtimeNotFound;
import com.marquee.booking.showtime.ShowtimeRepository;
import com.marquee.booking.events.EventType;
import com.marquee.booking.events.Outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The owner of the booking lifecycle: every change to a booking, its seats and its payments goes through here,
 * each use case in its own short transaction, taking its locks through {@link BookingLocks} (showtime, then
 * booking, then payment) and ending bookings through {@link BookingRelease}. No network call is made inside a
 * transaction: upstream checks run before it, payment providers between transactions ({@link Checkout},
 * {@link Refunds}). Every change writes its events to the outbox in its own transaction.
 * <pre>
 *   hold ──> pending ──complete/confirm──> confirmed ──cancel/refund──> cancelled (refunded)
 *               └──cancel / expire / a new hold on an expired seat──> cancelled (user | expired)
 * </pre>
 */
@ApplicationScoped
public class BookingLifecycle {

    private static final Logger LOG = Logger.getLogger(BookingLifecycle.class);

    /** A refunded (or refunding) payment, and the booking the refund cancelled, if any. */
    public record Refunded(PaymentView payment, BookingView cancelledBooking) {
    }

    private final ShowtimeCatalog catalog;
    private final UserDirectory users;
    private final HoldRepository fastHolds;
    private final HoldContention contention;
    private final BookingLocks locks;
    private final BookingRelease release;
    private final Outbox events;
    private final Checkout checkout;
    private final Refunds refunds;
    private final PaymentReconciler reconciler;
    private final ProviderEvents providerEvents;
    private final BookingRepository bookings;
    private final BookedSeatRepository seats;
    private final PaymentRepository payments;
    private final ShowtimeRepository showtimes;
    private final BookingViews views;
    private final CheckoutAnswers answers;
    private final BookingMetrics metrics;
    private final Event<SeatsChanged> seatsChanged;
    private final BookingConfig config;
    private final Clock clock;

    public BookingLifecycle(ShowtimeCatalog catalog, UserDirectory users, HoldRepository fastHolds,
            HoldContention contention, BookingLocks locks,
            BookingRelease release, Outbox events, Checkout checkout, Refunds refunds,
            PaymentReconciler reconciler, ProviderEvents providerEvents, BookingRepository bookings, BookedSeatRepository seats, PaymentRepository payments,
            ShowtimeRepository showtimes, BookingViews views, CheckoutAnswers answers, BookingMetrics metrics,
            Event<SeatsChanged> seatsChanged, BookingConfig config, Clock clock) {
        this.catalog = catalog;
        this.users = users;
        this.fastHolds = fastHolds;
        this.contention = contention;
        this.locks = locks;
        this.release = release;
        this.events = events;
        this.checkout = checkout;
        this.refunds = refunds;
        this.reconciler = reconciler;
        this.providerEvents = providerEvents;
        this.bookings = bookings;
        this.seats = seats;
        this.payments = payments;
        this.showtimes = showtimes;
        this.views = views;
        this.answers = answers;
        this.metrics = metrics;
        this.seatsChanged = seatsChanged;
        this.config = config;
        this.clock = clock;
    }

    // --- hold -----------------------------------------------------------------------------------------------

    /**
     * Holds all requested seats for a new pending booking, or none. The showtime is fetched or refreshed and the
     * user checked first, outside any transaction. Then the fast path tries the whole hold in one statement;
     * whenever it cannot (a seat taken, even by an expired hold; an unknown, started or too small showtime), it
     * writes nothing and the careful path decides in a transaction of its own. A request with an
     * Idempotency-Key takes the careful path, which records the answer with the hold.
     */
    public Uni<BookingView> hold(HoldCommand command, IdempotencyClaim claim) {
        return catalog.ensureFresh(command.showtimeId())
                .chain(() -> users.requireExisting(command.userId()))
                .chain(() -> contention.refuseKnownLosers(command.showtimeId(), command.seats()))
                .chain(() -> {
                    if (claim != null) {
                        return holdCarefully(command, claim);
                    }
                    Instant now = clock.instant();
                    return Transactions.retryingLockOrderFailures(
                            () -> fastHolds.tryHold(command, now, now.plus(config.holds().duration())))
                            .chain(fast -> fast != null ? Uni.createFrom().item(fastView(command, fast, now))
                                    : holdCarefully(command, null));
                })
                .onFailure(e -> e instanceof SeatsUnavailable || DatabaseFailures.isActiveSeatConflict(e))
                .invoke(refused -> {
                    metrics.holdConflict();
                    contention.refused(command.showtimeId());
                })
                .invoke(view -> {
                    metrics.holdCreated();
                    seatsChanged(Set.of(command.showtimeId()));
                    events.committed();
                });
    }

    private static BookingView fastView(HoldCommand command, HoldRepository.FastHold fast, Instant now) {
        List<SeatView> seatViews = command.seats().stream()
                .map(seat -> new SeatView(seat.rowValue(), seat.col(), seat.row(), RowLabels.label(seat.row()),
                        SeatStatus.ON_HOLD.wire(), fast.expiry(), fast.bookingId(), command.showtimeId()))
                .toList();
        BigDecimal amount = fast.pricePerSeat().multiply(BigDecimal.valueOf(seatViews.size()));
        return new BookingView(fast.bookingId(), command.userId(), command.showtimeId(), BookingStatus.PENDING.wire(),
                null, now, fast.expiry(), fast.pricePerSeat(), amount, seatViews, null, null, now, now);
    }

    /** Locks the showtime, then looks at every requested seat: explains refusals, releases stale holds. */
    private Uni<BookingView> holdCarefully(HoldCommand command, IdempotencyClaim claim) {
        return Transactions.inTransaction(() -> {
            Instant now = clock.instant();
            return locks.showtime(command.showtimeId())
                    .onItem().ifNull().failWith(() -> new ShowtimeNotFound(command.showtimeId()))
                    .chain(showtime -> {
                        checkBookable(showtime, command.seats(), now);
                        return seats.findActive(showtime.id, command.seats())
                                .chain(active -> releaseStaleHolds(command.seats(), active, now))
                                .chain(() -> createHold(showtime, command, now));
                    })
                    .call(view -> claim == null ? Uni.createFrom().voidItem()
                            : claim.record(answers.bookingCreated(view)));
        });
    }

    /**
     * An expired hold never blocks a seat: its booking is released here, in this transaction, before the new
     * hold is written, unless it was confirmed or extended meanwhile, or its charge is still in flight (the
     * provider's answer must find the seats held).
     */
    private Uni<Void> releaseStaleHolds(List<Seat> requested, List<BookedSeat> active, Instant now) {
        List<Seat> taken = requested.stream().filter(seat -> active.stream()
                .anyMatch(row -> row.isTakenAt(now) && seat.sameSeat(row.seatRow, row.seatCol))).toList();
        if (!taken.isEmpty()) {
            return Uni.createFrom().failure(new SeatsUnavailable(taken));
        }
        SortedSet<Long> stale = active.stream().map(s -> s.bookingId).collect(Collectors.toCollection(TreeSet::new));
        Instant chargesFrom = now.minus(config.payments().chargeGrace());
        List<Long> releasable = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long bookingId : stale) {
            chain = chain.chain(() -> locks.booking(bookingId))
                    .chain(booking -> payments.findChargeInFlight(bookingId).map(inFlight -> {
                        boolean charging = inFlight != null && inFlight.chargeStartedAt.isAfter(chargesFrom);
                        if (booking.status == BookingStatus.CONFIRMED || booking.isHeldAt(now) || charging) {
                            throw new SeatsUnavailable(requested.stream().filter(seat -> active.stream()
                                    .anyMatch(row -> row.bookingId.equals(bookingId)
                                            && seat.sameSeat(row.seatRow, row.seatCol))).toList());
                        }
                        if (booking.status == BookingStatus.PENDING) {
                            releasable.add(bookingId);
                        }
                        return null;
                    }));
        }
        return chain.chain(() -> {
            if (releasable.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.debugf("Holds of bookings %s expired; releasing them for a new hold", releasable);
            return locks.flush().chain(() -> release.release(releasable, BookingRelease.EXPIRED, now))
                    .invoke(released -> metrics.holdsExpired(released.bookingIds().size())).replaceWithVoid();
        });
    }

    private Uni<BookingView> createHold(Showtime showtime, HoldCommand command, Instant now) {
        Instant expiry = now.plus(config.holds().duration());
        if (showtime.startTime != null && showtime.startTime.isBefore(expiry)) {
            expiry = showtime.startTime;
        }
        Booking booking = Booking.pending(command.userId(), showtime.id, showtime.price, command.seats().size(), now,
                expiry);
        Instant holdUntil = expiry;
        return bookings.persist(booking)
                .chain(() -> {
                    List<BookedSeat> rows = BookedSeat.holds(booking.id, showtime.id, command.seats(), holdUntil);
                    return seats.persist(rows).replaceWith(rows);
                })
                .call(seats::flush)
                .call(rows -> showtimes.addSeatsBooked(showtime.id, rows.size(), now))
                .call(() -> events.booking(EventType.BOOKING_HELD, booking.id, now))
                .onFailure(DatabaseFailures::isActiveSeatConflict)
                .transform(e -> new SeatsUnavailable(command.seats()))
                .map(rows -> BookingViews.of(booking, rows, null));
    }

    private static void checkBookable(Showtime showtime, List<Seat> requested, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Seat seat = requested.get(i);
            if (!showtime.contains(seat.row(), seat.col())) {
                errors.add(new FieldError("seats[" + i + "]", "seat " + seat.label() + " is outside the screen ("
                        + showtime.numRows + " rows x " + showtime.numCols + " seats)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (showtime.hasStartedAt(now)) {
            throw new ProblemException(409, "showtime-started", "Showtime started",
                    "Showtime " + showtime.id + " started at " + showtime.startTime + "; it can no longer be booked");
        }
    }

    // --- extend, expire, cancel -----------------------------------------------------------------------------

    /** Adds minutes to an unexpired hold: never shortens it, never past the caps (total length, showtime start). */
    public Uni<HoldExtension> extend(long bookingId, int minutes) {
        return Transactions.inTransaction(() -> locks.booking(bookingId).chain(booking -> {
            Instant now = clock.instant(); // after the lock, like every other change of a booking
            Checkout.requireHeld(booking, now, "extended");
            return showtimes.findById(booking.showtimeId).chain(showtime -> {
                if (showtime != null && showtime.hasStartedAt(now)) {
                    throw BookingStateConflict.showtimeStarted(booking, showtime.startTime);
                }
                Instant current = booking.holdExpiryTime;
                Instant wanted = current.plus(Duration.ofMinutes(minutes));
                Instant cap = booking.bookingTime.plus(config.holds().maxTotal());
                if (showtime != null && showtime.startTime != null && showtime.startTime.isBefore(cap)) {
                    cap = showtime.startTime;
                }
                Instant extended = wanted.isAfter(cap) ? cap : wanted;
                if (!extended.isAfter(current)) {
                    throw BookingStateConflict.holdAtLimit(booking);
                }
                booking.holdExpiryTime = extended;
                return seats.extendHolds(booking.id, extended, now)
                        .call(bookings::flush)
                        .chain(() -> seats.findByBookings(List.of(booking.id)))
                        .map(rows -> new HoldExtension(BookingViews.of(booking, rows, null),
                                Duration.between(current, extended), extended.isBefore(wanted)));
            });
        })).invoke(extension -> seatsChanged(Set.of(extension.booking().showtimeId())));
    }

    /**
     * Releases up to {@code limit} holds that fell due, in one transaction; returns how many. Showtimes are
     * locked in id order before bookings, bookings with SKIP LOCKED and re-checked, so several instances
     * sweeping at once never release a hold twice nor wait on each other; a booking whose charge is in flight
     * is left alone for {@code booking.payments.charge-grace}.
     */
    public Uni<Integer> expireDue(int limit) {
        return Transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Instant chargesFrom = now.minus(config.payments().chargeGrace());
            return bookings.findDue(now, chargesFrom, limit).chain(due -> {
                if (due.isEmpty()) {
                    return Uni.createFrom().item(new BookingRelease.Released(List.of(), new TreeSet<>(), List.of()));
                }
                SortedSet<Long> showtimeIds = due.stream().map(row -> (Long) row[1])
                        .collect(Collectors.toCollection(TreeSet::new));
                List<Long> bookingIds = due.stream().map(row -> (Long) row[0]).toList();
                return locks.showtimes(showtimeIds).chain(() -> release.releaseDue(bookingIds, now, chargesFrom));
            });
        }).invoke(released -> {
            metrics.holdsExpired(released.bookingIds().size());
            seatsChanged(released.showtimeIds());
            if (!released.isEmpty()) {
                events.committed();
            }
        }).map(released -> released.bookingIds().size());
    }

    /**
     * Cancels a pending or confirmed booking: seats released at once; a completed payment is refunded (the
     * refund's provider call runs after the commit; if its outcome is unknown the payment stays refunding and
     * the reconciler finishes it).
     */
    public Uni<BookingView> cancel(long bookingId) {
        return Transactions.inTransaction(() -> locks.showtimeThenBooking(bookingId).chain(locked -> {
            Booking booking = locked.booking();
            if (booking.status == BookingStatus.CANCELLED) {
                throw BookingStateConflict.alreadyCancelled(booking);
            }
            Instant now = clock.instant();
            Uni<Payment> paid = booking.paymentId == null ? Uni.createFrom().nullItem()
                    : locks.payment(booking.paymentId);
            return paid.chain(payment -> release.release(List.of(booking.id), BookingRelease.USER, now)
                    .chain(() -> {
                        if (payment == null || payment.status != PaymentStatus.COMPLETED) {
                            return Uni.createFrom().item(new Cancelled(booking.id, booking.showtimeId, null));
                        }
                        refunds.start(payment, now);
                        return payments.flush().replaceWith(new Cancelled(booking.id, booking.showtimeId, payment.id));
                    }));
        })).invoke(cancelled -> {
            // committed: the seats are free now, whatever the refund's provider call then takes
            metrics.bookingCancelled(BookingRelease.USER);
            seatsChanged(Set.of(cancelled.showtimeId()));
            events.committed();
        }).call(cancelled -> cancelled.refunding() == null ? Uni.createFrom().voidItem()
                : refunds.run(cancelled.refunding()).replaceWithVoid().onFailure().recoverWithUni(e -> {
                    // the cancel stands; the payment stays refunding and the reconciler finishes the refund
                    LOG.warnf("Refund of payment %d after cancelling booking %d not finished now (%s); the reconciler"
                            + " will finish it", cancelled.refunding(), bookingId, e.toString());
                    return Uni.createFrom().voidItem();
                }))
                .chain(() -> Panache.withSession(() -> bookings.findById(bookingId).chain(views::of)));
    }

    /** A committed cancel: the booking, the showtime whose seats it freed, and the payment to refund (or null). */
    private record Cancelled(long bookingId, long showtimeId, Long refunding) {
    }

    // --- paying ---------------------------------------------------------------------------------------------

    /** Charges the amount due (seats x the price held at) and confirms the booking if the provider approves. */
    public Uni<Settlement> complete(long bookingId, IdempotencyClaim claim) {
        return checkout.complete(bookingId, claim);
    }

    /** The auto-confirm job's completion of one booking, exactly as {@link #complete}; null if it was skipped. */
    public Uni<Settlement> autoComplete(long bookingId) {
        return checkout.autoComplete(bookingId, config.autoConfirm().delay());
    }

    /** Bookings the auto-confirm job should complete now, oldest first (unlocked: each is locked when completed). */
    public Uni<List<Long>> autoConfirmDue(int limit) {
        Instant now = clock.instant();
        return Panache.withSession(() -> bookings.findAutoConfirmDue(now.minus(config.autoConfirm().delay()), now,
                Checkout.AUTO_CONFIRM, limit));
    }

    /** Confirms a held booking with a completed payment no other booking uses that covers the amount due. */
    public Uni<BookingView> confirm(long bookingId, long paymentId) {
        return Transactions.inTransaction(() -> locks.booking(bookingId).chain(booking -> locks.payment(paymentId)
                .chain(payment -> {
                    Instant now = clock.instant();
                    Checkout.requireHeld(booking, now, "confirmed");
                    if (payment.status != PaymentStatus.COMPLETED) {
                        throw PaymentStateConflict.notCompleted(payment, "used to confirm a booking");
                    }
                    if (payment.bookingId != null && !payment.bookingId.equals(booking.id)) {
                        throw PaymentStateConflict.alreadyUsed(paymentId, payment.bookingId);
                    }
                    return payments.findChargeInFlight(booking.id).chain(inFlight -> {
                        if (inFlight != null) {
                            throw BookingStateConflict.chargeInProgress(booking.id, inFlight.id);
                        }
                        // the payment lock serialises confirms with one payment: this read sees the winner
                        return bookings.findPaidBy(paymentId);
                    }).chain(paidFor -> {
                        if (paidFor != null) {
                            throw PaymentStateConflict.alreadyUsed(paymentId, (Long) paidFor[0]);
                        }
                        if (payment.amount.compareTo(booking.amountDue()) < 0) {
                            throw PaymentStateConflict.insufficient(payment, booking.amountDue(), booking.id);
                        }
                        return showtimes.findById(booking.showtimeId);
                    }).chain(showtime -> {
                        if (showtime != null && showtime.hasStartedAt(now)) {
                            throw BookingStateConflict.showtimeStarted(booking, showtime.startTime);
                        }
                        payment.bookingId = booking.id;
                        booking.status = BookingStatus.CONFIRMED;
                        booking.paymentId = payment.id;
                        booking.holdExpiryTime = null;
                        return seats.book(booking.id, now).call(() -> locks.flush())
                                .call(() -> events.booking(EventType.BOOKING_CONFIRMED, booking.id, now))
                                .chain(() -> views.of(booking));
                    });
                })))
                .onFailure(e -> DatabaseFailures.isUniqueViolation(e, "bookings_payment_id_key"))
                .transform(e -> PaymentStateConflict.alreadyUsed(paymentId, bookingId))
                .invoke(view -> {
                    metrics.bookingConfirmed();
                    seatsChanged(Set.of(view.showtimeId()));
                    events.committed();
                });
    }

    /** A new pending payment, optionally for an existing booking; its answer is recorded with it. */
    public Uni<PaymentView> createPayment(BigDecimal amount, String createdBy, Long bookingId, IdempotencyClaim claim) {
        return Transactions.inTransaction(() -> {
            Uni<Void> bookingExists = bookingId == null ? Uni.createFrom().voidItem()
                    : bookings.findById(bookingId).onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                            // money for a booking that can no longer be confirmed would only have to go back
                            .invoke(booking -> Checkout.requireHeld(booking, clock.instant(), "paid for"))
                            .replaceWithVoid();
            return bookingExists.chain(() -> {
                Payment payment = Payment.pending(amount.setScale(2, RoundingMode.UNNECESSARY), createdBy, bookingId);
                return payments.persist(payment).call(payments::flush).map(PaymentView::of);
            }).call(view -> claim == null ? Uni.createFrom().voidItem() : claim.record(answers.paymentCreated(view)));
        });
    }

    /** Charges a pending payment made with {@code POST /api/payments/} (it confirms nothing). */
    public Uni<Settlement> process(long paymentId) {
        return checkout.process(paymentId);
    }

    public Uni<PaymentView> fail(long paymentId) {
        return Transactions.inTransaction(() -> locks.payment(paymentId).chain(payment -> {
            if (payment.status != PaymentStatus.PENDING) {
                throw PaymentStateConflict.notPending(payment, "failed");
            }
            payment.status = PaymentStatus.FAILED;
            payment.failureReason = "failed on request";
            Instant now = clock.instant();
            return payments.flush().chain(() -> events.payment(EventType.PAYMENT_FAILED, payment.id, now))
                    .map(ignored -> PaymentView.of(payment));
        })).invoke(() -> {
            metrics.payment("failed");
            events.committed();
        });
    }

    /**
     * Refunds a completed payment. If it pays for a confirmed booking, that booking is cancelled and its seats
     * released in the same transaction that starts the refund: seats and money never disagree for long, and
     * the money always goes back (the reconciler finishes a refund whose answer is unknown).
     */
    public Uni<Refunded> refund(long paymentId) {
        return Transactions.inTransaction(() -> locks.showtimeBookingThenPayment(paymentId).chain(locked -> {
            Payment payment = locked.payment();
            if (payment.status != PaymentStatus.COMPLETED) {
                throw PaymentStateConflict.notCompleted(payment, "refunded");
            }
            Instant now = clock.instant();
            Booking booking = locked.booking();
            Uni<Cancelled> cancelled = booking == null || booking.status != BookingStatus.CONFIRMED
                    ? Uni.createFrom().nullItem()
                    : release.release(List.of(booking.id), BookingRelease.REFUNDED, now)
                            .replaceWith(new Cancelled(booking.id, booking.showtimeId, null));
            return cancelled.call(() -> {
                refunds.start(payment, now);
                return payments.flush();
            });
        })).invoke(cancelled -> {
            // committed: the seats are free now, whatever the refund's provider call then takes
            events.committed();
            if (cancelled != null) {
                metrics.bookingCancelled(BookingRelease.REFUNDED);
                seatsChanged(Set.of(cancelled.showtimeId()));
            }
        }).chain(cancelled -> refunds.run(paymentId).chain(payment -> cancelled == null
                ? Uni.createFrom().item(new Refunded(payment, null))
                : Panache.withSession(() -> bookings.findById(cancelled.bookingId()).chain(views::of))
                        .map(view -> new Refunded(payment, view))));
    }

    /** A verified provider webhook event, applied once. */
    public Uni<ProviderEvents.Applied> apply(ProviderEvent event) {
        return providerEvents.apply(event);
    }

    /** The reconciler's pass: settles charges and refunds left unsettled; returns how many it settled. */
    public Uni<Integer> settleUnsettledPayments() {
        return reconciler.settleDue();
    }

    private void seatsChanged(Set<Long> showtimeIds) {
        if (!showtimeIds.isEmpty()) {
            seatsChanged.fire(new SeatsChanged(Set.copyOf(showtimeIds)));
        }
    }
}
