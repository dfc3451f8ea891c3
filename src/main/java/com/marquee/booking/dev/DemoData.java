package com.marquee.booking.dev;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.marquee.booking.booking.BookingLifecycle;
import com.marquee.booking.booking.HoldCommand;
import com.marquee.booking.booking.Settlement;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.seat.Seat;
import com.marquee.booking.seat.SeatMapService;
import com.marquee.booking.seat.SeatStatus;
import com.marquee.booking.seat.SeatView;
import com.marquee.booking.seat.SeatsUnavailable;
import com.marquee.booking.showtime.ShowtimeNotFound;
import com.marquee.booking.showtime.ShowtimeRequest;
import com.marquee.booking.showtime.ShowtimeService;
import com.marquee.booking.showtime.ShowtimeView;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/**
 * Demo data worth clicking, for dev mode (seeded at every start by {@link DemoDataOnStart}) and for the test
 * that checks it; not part of the production build.
 * <ul>
 * <li>showtime {@value #PLAIN}, <em>plain</em>: an empty 10 x 20 screen tomorrow evening (the README's curl
 * examples book it);</li>
 * <li>showtime {@value #NEARLY_SOLD_OUT}, <em>nearly sold out</em>: a 5 x 8 screen with every seat but two booked
 * and paid;</li>
 * <li>showtime {@value #LAST_CALL}, <em>last call</em>: starts about {@link #LAST_CALL_LEAD} after dev mode does,
 * with a few holds that run out when it starts, so the hold-expiry job visibly releases them a minute or two
 * after start.</li>
 * </ul>
 * Idempotent and cheap when nothing is due: a showtime is written only when it is missing, different or in the
 * past (start times roll forward), bookings are added only where they are missing, so a restart never duplicates
 * anything and usually costs three reads. Every booking goes through {@link BookingLifecycle}, like a client's.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class DemoData {

    public static final long PLAIN = 1;
    public static final long NEARLY_SOLD_OUT = 2;
    public static final long LAST_CALL = 3;

    /** How long after a seed the last-call showtime starts, and so when its holds run out. */
    public static final Duration LAST_CALL_LEAD = Duration.ofSeconds(90);
    /** Free seats the nearly-sold-out showtime keeps: E7 and E8. */
    public static final int SEATS_LEFT = 2;
    /** Demo bookings belong to users 9001 and up, so they stand out from the README's user 7. */
    static final long FIRST_DEMO_USER = 9001;

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    /** What one demo showtime looks like after a seed. */
    public record DemoShowtime(String kind, ShowtimeView showtime, List<SeatView> liveHolds, boolean changed) {

        /** When the last of the live holds runs out (null without holds). */
        public Instant holdsExpireAt() {
            return liveHolds.stream().map(SeatView::holdExpiryTime).max(Instant::compareTo).orElse(null);
        }

        public String describe() {
            ShowtimeView s = showtime;
            String text = "showtime " + s.showtimeId() + " (" + kind + "): " + s.seatsAvailable() + " of " + s.totalSeats()
                    + " seats free";
            if (!liveHolds.isEmpty()) {
                text += ", " + liveHolds.size() + " on hold until " + holdsExpireAt().truncatedTo(ChronoUnit.SECONDS)
                        + " (starts " + s.startTime().truncatedTo(ChronoUnit.SECONDS) + ")";
            }
            return text;
        }
    }

    private final ShowtimeService showtimes;
    private final BookingLifecycle lifecycle;
    private final SeatMapService seats;
    private final Clock clock;

    public DemoData(ShowtimeService showtimes, BookingLifecycle lifecycle, SeatMapService seats, Clock clock) {
        this.showtimes = showtimes;
        this.lifecycle = lifecycle;
        this.seats = seats;
        this.clock = clock;
    }

    /** Brings the three demo showtimes to their demo state; returns what they look like now. */
    public Uni<List<DemoShowtime>> seed() {
        Instant now = clock.instant();
        List<DemoShowtime> result = new ArrayList<>();
        return plain(now).invoke(result::add)
                .chain(() -> nearlySoldOut(now)).invoke(result::add)
                .chain(() -> lastCall(now)).invoke(result::add)
                .map(ignored -> List.copyOf(result));
    }

    private Uni<DemoShowtime> plain(Instant now) {
        ShowtimeRequest wanted = new ShowtimeRequest(101L, 11L, tomorrowAt(now, 19), new BigDecimal("12.50"), 10, 20);
        return upsertUnlessCurrent(PLAIN, wanted, now)
                .chain(upserted -> describe("plain", upserted));
    }

    /** 38 of 40 seats booked and paid, in five bookings; a booking whose seats someone else took is skipped. */
    private Uni<DemoShowtime> nearlySoldOut(Instant now) {
        ShowtimeRequest wanted = new ShowtimeRequest(102L, 12L, tomorrowAt(now, 21), new BigDecimal("9.50"), 5, 8);
        return upsertUnlessCurrent(NEARLY_SOLD_OUT, wanted, now).chain(upserted -> {
            if (upserted.showtime().seatsAvailable() <= SEATS_LEFT) {
                return describe("nearly sold out", upserted);
            }
            List<List<Seat>> bookings = List.of(row(1, 1, 8), row(2, 1, 8), row(3, 1, 8), row(4, 1, 8), row(5, 1, 6));
            return each(NEARLY_SOLD_OUT, bookings, 0, FIRST_DEMO_USER, this::holdAndPay)
                    .chain(() -> showtimes.get(NEARLY_SOLD_OUT))
                    .chain(after -> describe("nearly sold out", new Upserted(after, true)));
        });
    }

    /** Starts {@link #LAST_CALL_LEAD} from now with three holds on it; once it has started, the next seed rolls it on. */
    private Uni<DemoShowtime> lastCall(Instant now) {
        Instant start = now.plus(LAST_CALL_LEAD).truncatedTo(ChronoUnit.SECONDS);
        ShowtimeRequest wanted = new ShowtimeRequest(103L, 13L, start, new BigDecimal("11.00"), 6, 10);
        return current(LAST_CALL).chain(existing -> {
            if (existing.isPresent() && existing.get().startTime().isAfter(now)) {
                return describe("last call", new Upserted(existing.get(), false));
            }
            List<List<Seat>> holds = List.of(row(1, 1, 2), row(2, 5, 3), row(3, 3, 2));
            return put(LAST_CALL, wanted, existing)
                    .chain(upserted -> each(LAST_CALL, holds, 0, FIRST_DEMO_USER + 10, this::hold)
                            .chain(() -> showtimes.get(LAST_CALL))
                            .chain(after -> describe("last call", new Upserted(after, true))));
        });
    }

    private record Upserted(ShowtimeView showtime, boolean changed) {
    }

    /** Writes the showtime when it is missing, in the past, or not the wanted screen and price. */
    private Uni<Upserted> upsertUnlessCurrent(long id, ShowtimeRequest wanted, Instant now) {
        return current(id).chain(existing -> {
            if (existing.isPresent() && isCurrent(existing.get(), wanted, now)) {
                return Uni.createFrom().item(new Upserted(existing.get(), false));
            }
            return put(id, wanted, existing);
        });
    }

    private static boolean isCurrent(ShowtimeView existing, ShowtimeRequest wanted, Instant now) {
        return existing.startTime() != null && existing.startTime().isAfter(now)
                && existing.numRows() == wanted.numRows() && existing.numCols() == wanted.numCols()
                && existing.price().compareTo(wanted.price()) == 0;
    }

    private Uni<Optional<ShowtimeView>> current(long id) {
        return showtimes.get(id).map(Optional::of).onFailure(ShowtimeNotFound.class).recoverWithItem(Optional.empty());
    }

    /** A showtime someone changed so that the demo screen would cut off their seats is left as it is. */
    private Uni<Upserted> put(long id, ShowtimeRequest wanted, Optional<ShowtimeView> existing) {
        return showtimes.put(id, wanted).map(upserted -> new Upserted(upserted.showtime(), true))
                .onFailure(e -> e instanceof ProblemException && existing.isPresent()).recoverWithItem(e -> {
                    LOG.warnf("Demo showtime %d left as it is: %s", id, e.getMessage());
                    return new Upserted(existing.get(), false);
                });
    }

    private Uni<Void> hold(long userId, long showtimeId, List<Seat> seats) {
        return lifecycle.hold(new HoldCommand(userId, showtimeId, seats), null)
                .onFailure(SeatsUnavailable.class).recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> holdAndPay(long userId, long showtimeId, List<Seat> seats) {
        return lifecycle.hold(new HoldCommand(userId, showtimeId, seats), null)
                .chain(view -> lifecycle.complete(view.bookingId(), null))
                .invoke(settled -> {
                    if (settled.outcome() != Settlement.Outcome.COMPLETED) {
                        LOG.warnf("Demo booking %d was not paid: %s", settled.booking().bookingId(), settled.outcome());
                    }
                })
                .onFailure(SeatsUnavailable.class).recoverWithNull()
                .replaceWithVoid();
    }

    @FunctionalInterface
    private interface DemoBooking {
        Uni<Void> make(long userId, long showtimeId, List<Seat> seats);
    }

    /** One booking after another (one session at a time); booking i belongs to user {@code firstUser + i}. */
    private Uni<Void> each(long showtimeId, List<List<Seat>> bookings, int index, long firstUser,
            DemoBooking booking) {
        if (index == bookings.size()) {
            return Uni.createFrom().voidItem();
        }
        return booking.make(firstUser + index, showtimeId, bookings.get(index))
                .chain(() -> each(showtimeId, bookings, index + 1, firstUser, booking));
    }

    private Uni<DemoShowtime> describe(String kind, Upserted upserted) {
        long id = upserted.showtime().showtimeId();
        return seats.takenSeatViews(id).map(taken -> new DemoShowtime(kind, upserted.showtime(),
                taken.stream().filter(seat -> SeatStatus.ON_HOLD.wire().equals(seat.status())).toList(),
                upserted.changed()));
    }

    /** Seats {@code from} .. {@code from + count - 1} of one row (rows as letters, like a person writes them). */
    private static List<Seat> row(int row, int from, int count) {
        List<Seat> seats = new ArrayList<>(count);
        for (int col = from; col < from + count; col++) {
            seats.add(new Seat(row, col, true));
        }
        return seats;
    }

    /** {@code hour}:00 UTC tomorrow: always in the future, and the same all day, so restarts change nothing. */
    private static Instant tomorrowAt(Instant now, int hour) {
        return now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(hour));
    }
}
