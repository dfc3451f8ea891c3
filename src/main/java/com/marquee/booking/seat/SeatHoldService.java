package com.marquee.booking.seat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.booking.Booking;
import com.marquee.booking.booking.BookingNotFound;
import com.marquee.booking.booking.BookingRepository;
import com.marquee.booking.booking.BookingStateConflict;
import com.marquee.booking.booking.BookingStatus;
import com.marquee.booking.booking.BookingView;
import com.marquee.booking.booking.BookingViews;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.problem.DatabaseFailures;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.payment.PaymentRepository;
import com.marquee.booking.showtime.Showtime;
import com.marquee.booking.showtime.ShowtimeNotFound;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The seat-hold lifecycle: hold, extend, expire. Every change to a showtime's seats locks the showtime
 * row first and only then bookings, the one lock order all writers follow.
 */
@ApplicationScoped
public class SeatHoldService {

    private static final Logger LOG = Logger.getLogger(SeatHoldService.class);

    private final ShowtimeRepository showtimes;
    private final BookingRepository bookings;
    private final BookedSeatRepository seats;
    private final PaymentRepository payments;
    private final FastHoldRepository fastHolds;
    private final ExpiredHoldRepository expiredHolds;
    private final SeatChanges seatChanges;
    private final BookingConfig config;
    private final Clock clock;

    public SeatHoldService(ShowtimeRepository showtimes, BookingRepository bookings, BookedSeatRepository seats,
            PaymentRepository payments, FastHoldRepository fastHolds, ExpiredHoldRepository expiredHolds,
            SeatChanges seatChanges, BookingConfig config, Clock clock) {
        this.seatChanges = seatChanges;
        this.expiredHolds = expiredHolds;
        this.fastHolds = fastHolds;
        this.showtimes = showtimes;
        this.bookings = bookings;
        this.seats = seats;
        this.payments = payments;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Holds all requested seats for a new pending booking, or none of them. The fast path does it in one
     * statement; whenever it cannot (a seat taken, even by an expired hold; an unknown, started or too
     * small showtime) it writes nothing and the careful path below decides, in its own transaction.
     */
    public Uni<BookingView> hold(HoldCommand command) {
        Instant now = clock.instant();
        return fastHolds.tryHold(command, now, now.plus(config.holds().duration()))
                .chain(fast -> fast != null ? Uni.createFrom().item(view(command, fast, now))
                        : Panache.withTransaction(() -> holdCarefully(command)))
                .invoke(held -> seatChanges.committed(command.showtimeId())); // both paths have committed here
    }

    private static BookingView view(HoldCommand command, FastHoldRepository.FastHold fast, Instant now) {
        List<SeatView> seatViews = command.seats().stream()
                .map(seat -> new SeatView(seat.rowValue(), seat.col(), seat.row(), RowLabels.label(seat.row()),
                        SeatStatus.ON_HOLD.wire(), fast.expiry(), fast.bookingId(), command.showtimeId()))
                .toList();
        BigDecimal amount = fast.pricePerSeat().multiply(BigDecimal.valueOf(seatViews.size()));
        return new BookingView(fast.bookingId(), command.userId(), command.showtimeId(), BookingStatus.PENDING.wire(),
                null, now, fast.expiry(), fast.pricePerSeat(), amount, seatViews, null, null, now, now);
    }

    /** Locks the showtime, then looks at every requested seat: explains refusals, expires stale holds. */
    private Uni<BookingView> holdCarefully(HoldCommand command) {
        Instant now = clock.instant();
        return showtimes.findByIdForUpdate(command.showtimeId())
                .onItem().ifNull().failWith(() -> new ShowtimeNotFound(command.showtimeId()))
                .chain(showtime -> {
                    checkBookable(showtime, command.seats(), now);
                    return seats.findActive(showtime.id, command.seats())
                            .chain(active -> freeExpiredHolds(showtime, command.seats(), active, now))
                            .chain(() -> createHold(showtime, command, now));
                });
    }

    /** Adds minutes to an unexpired hold: never shortens it, never past the caps. */
    public Uni<HoldExtension> extend(long bookingId, int minutes) {
        return Panache.withTransaction(() -> extendInTransaction(bookingId, minutes))
                .invoke(extension -> seatChanges.committed(extension.booking().showtimeId())); // a later expiry
    }

    private Uni<HoldExtension> extendInTransaction(long bookingId, int minutes) {
        Instant now = clock.instant();
        return bookings.findByIdForUpdate(bookingId)
                .onItem().ifNull().failWith(() -> new BookingNotFound(bookingId))
                .chain(booking -> {
                    if (booking.status != BookingStatus.PENDING) {
                        throw BookingStateConflict.notPending(booking, "extended");
                    }
                    if (!booking.isHeldAt(now)) {
                        throw BookingStateConflict.holdExpired(booking);
                    }
                    return showtimes.findById(booking.showtimeId).chain(showtime -> {
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
                });
    }

    /**
     * Releases up to {@code limit} holds that fell due, in one transaction; returns how many bookings
     * it released. Showtimes are locked in id order before bookings (the hold's order) and bookings with
     * SKIP LOCKED, so several instances sweeping at once never release a hold twice nor wait on each other's
     * bookings.
     */
    public Uni<Integer> expireDue(int limit) {
        SortedSet<Long> showtimeIds = new TreeSet<>();
        return Panache.withTransaction(() -> {
            Instant now = clock.instant();
            return bookings.findDue(now, limit).chain(due -> {
                if (due.isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                due.forEach(row -> showtimeIds.add((Long) row[1]));
                List<Long> bookingIds = due.stream().map(row -> (Long) row[0]).toList();
                return showtimes.lockAll(showtimeIds).chain(() -> expiredHolds.expire(bookingIds, now));
            });
        }).invoke(released -> {
            if (released > 0) {
                seatChanges.committed(showtimeIds); // the holds' expiry was announced already; this tidies up
            }
        });
    }

    /**
     * Cancels a booking and releases its seats, lowering the showtime's counter. The caller holds the
     * showtime lock (then the booking's) inside its transaction, and reports the release with
     * {@link SeatChanges#committed(long)} once that transaction has committed.
     */
    public Uni<Integer> release(Booking booking, Showtime showtime, String reason, Instant now) {
        booking.cancel(reason);
        return seats.release(booking.id, now).invoke(released -> showtime.seatsBooked -= released);
    }

    private void checkBookable(Showtime showtime, List<Seat> requested, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Seat seat = requested.get(i);
            if (!showtime.contains(seat.row(), seat.col())) {
                errors.add(new FieldError("seats[" + i + "]",
                        "seat " + seat.label() + " is outside the screen (" + showtime.numRows + " rows x "
                                + showtime.numCols + " seats)"));
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

    /**
     * An expired hold never blocks a seat: bookings whose holds ran out but were not swept yet are
     * expired here, in this transaction, before the new hold is written.
     */
    private Uni<Void> freeExpiredHolds(Showtime showtime, List<Seat> requested, List<BookedSeat> active,
            Instant now) {
        List<Seat> taken = takenSeats(requested, active, now);
        if (!taken.isEmpty()) {
            return Uni.createFrom().failure(new SeatsUnavailable(taken));
        }
        SortedSet<Long> stale = active.stream().map(s -> s.bookingId).collect(Collectors.toCollection(TreeSet::new));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long bookingId : stale) {
            chain = chain.chain(() -> bookings.findByIdForUpdate(bookingId)).chain(booking -> {
                if (booking == null || booking.status == BookingStatus.CANCELLED) {
                    return Uni.createFrom().voidItem();
                }
                if (booking.status == BookingStatus.CONFIRMED || booking.isHeldAt(now)) {
                    // completed or extended just before it could expire
                    return Uni.createFrom().failure(new SeatsUnavailable(takenBy(requested, active, bookingId)));
                }
                LOG.debugf("Hold of booking %d expired; releasing it for a new hold", bookingId);
                return release(booking, showtime, Booking.CANCELLED_EXPIRED, now)
                        .chain(() -> payments.failPending(bookingId, "hold expired", now))
                        .replaceWithVoid();
            });
        }
        return chain;
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
                    showtime.seatsBooked += rows.size();
                    return seats.persist(rows).replaceWith(rows);
                })
                .call(seats::flush)
                .onFailure(DatabaseFailures::isActiveSeatConflict)
                .transform(e -> new SeatsUnavailable(command.seats()))
                .map(rows -> BookingViews.of(booking, rows, null));
    }

    private static List<Seat> takenSeats(List<Seat> requested, List<BookedSeat> active, Instant now) {
        return requested.stream()
                .filter(seat -> active.stream()
                        .anyMatch(row -> row.isTakenAt(now) && seat.sameSeat(row.seatRow, row.seatCol)))
                .toList();
    }

    private static List<Seat> takenBy(List<Seat> requested, List<BookedSeat> active, long bookingId) {
        return requested.stream()
                .filter(seat -> active.stream()
                        .anyMatch(row -> row.bookingId == bookingId && seat.sameSeat(row.seatRow, row.seatCol)))
                .toList();
    }
}
