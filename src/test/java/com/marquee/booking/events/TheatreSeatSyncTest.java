package com.marquee.booking.events;

import static com.marquee.booking.support.Fixtures.newShowtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.integration.theatre.TheatreClient;
import com.marquee.booking.support.EventsProfile;
import com.marquee.booking.support.InjectUpstreamStub;
import com.marquee.booking.support.Pause;
import com.marquee.booking.support.TestDb;
import com.marquee.booking.support.UpstreamStub;
import com.marquee.booking.support.UpstreamStub.SeatPostFailure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The Theatre Service's seat counter follows ours through a stub that keeps a real counter and fails on
 * demand, before or after applying a delta: however the updates fail, the counter ends equal to ours and
 * no delta is ever counted twice.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
class TheatreSeatSyncTest {

    /** Past booking.theatre.sync-settle of {@link EventsProfile}. */
    private static final long SETTLE_MILLIS = 250;

    @Inject
    TheatreSeatSync sync;

    @Inject
    AgroalDataSource dataSource;

    @InjectUpstreamStub
    UpstreamStub stub;

    // what a second instance's sync is made of
    @Inject
    TheatreSyncRepository repository;
    @Inject
    TheatreClient theatre;
    @Inject
    EventMetrics metrics;
    @Inject
    BookingConfig config;
    @Inject
    Clock clock;

    TestDb db;

    @BeforeEach
    void database() {
        db = new TestDb(dataSource);
    }

    @AfterEach
    void healthyTheatre() {
        stub.reset();
    }

    @ParameterizedTest(name = "ours {0}, theirs {1}")
    @CsvSource({ "7, 3, 1", "2, 5, 1", "4, 4, 0" })
    void theatreCounterIsSetToOursByOneDeltaOrNone(int ours, int theirs, int expectedPosts) {
        long showtime = showtimeWithSeats(ours, theirs);

        syncUntilSettled(showtime);

        assertEquals(ours, stub.seatsBooked(showtime));
        assertEquals(expectedPosts, posts(showtime), "a negative delta when ours is lower, nothing when equal");
        assertEquals(ours, db.count("SELECT theatre_count FROM theatre_seat_sync WHERE showtime_id = ?", showtime));
    }

    @Test
    void updatesAppliedButUnansweredAreNeverSentAgain() {
        for (SeatPostFailure failure : new SeatPostFailure[] { SeatPostFailure.APPLY_THEN_TIMEOUT,
                SeatPostFailure.APPLY_THEN_RESET, SeatPostFailure.APPLY_THEN_500 }) {
            long showtime = showtimeWithSeats(7, 3);
            stub.failSeatPosts(showtime, failure);

            assertEquals(0, syncOnce(), failure + ": the outcome is unknown, the round does not settle");
            assertEquals(7, stub.seatsBooked(showtime), failure + ": applied by the Theatre Service");
            assertEquals(1, pendingEvents(showtime));
            syncUntilSettled(showtime);

            assertEquals(7, stub.seatsBooked(showtime), failure + ": not counted twice");
            assertEquals(1, posts(showtime), failure + ": the next round read 7 and sent nothing");
        }
    }

    @Test
    void updatesLostBeforeTheTheatreAppliedThemAreSentAfterARead() {
        for (SeatPostFailure failure : new SeatPostFailure[] { SeatPostFailure.REJECT_500,
                SeatPostFailure.RESET_BEFORE_APPLY }) {
            long showtime = showtimeWithSeats(7, 3);
            stub.failSeatPosts(showtime, failure, failure);

            syncUntilSettled(showtime);

            assertEquals(7, stub.seatsBooked(showtime), failure.name());
            assertEquals(3, posts(showtime), failure + ": two lost, the third applied");
        }
    }

    @Test
    void changesDuringAnOutageEndInTheLatestCount() {
        long showtime = showtimeWithSeats(5, 0);
        stub.failSeatPosts(showtime, SeatPostFailure.APPLY_THEN_TIMEOUT, SeatPostFailure.RESET_BEFORE_APPLY,
                SeatPostFailure.APPLY_THEN_500);
        syncOnce();
        changeOurCount(showtime, 9);
        Pause.millis(SETTLE_MILLIS);
        syncOnce();
        changeOurCount(showtime, 6);
        Pause.millis(SETTLE_MILLIS);
        syncOnce();

        syncUntilSettled(showtime);

        assertEquals(6, stub.seatsBooked(showtime));
        assertTrue(db.count("SELECT count(*) FROM outbox_events WHERE showtime_id = ? AND theatre_synced_at IS NULL",
                showtime) == 0);
    }

    @Test
    void twoInstancesNeverReconcileOneShowtimeAtOnce() throws Exception {
        TheatreSeatSync secondInstance = new TheatreSeatSync(repository, theatre, metrics, config, clock);
        long showtime = showtimeWithSeats(8, 1);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> syncOnce(sync));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> syncOnce(secondInstance));
        first.get();
        second.get();
        syncUntilSettled(showtime);

        assertEquals(8, stub.seatsBooked(showtime));
        assertEquals(1, posts(showtime));
    }

    @Test
    void aShowtimeTheTheatreDoesNotKnowIsLeftAlone() {
        long showtime = newShowtime();
        db.update("UPDATE showtimes SET seats_booked = 3 WHERE showtime_id = ?", showtime);
        markedByAnEvent(showtime);

        syncUntilSettled(showtime);

        assertEquals(0, posts(showtime));
        assertEquals("not known to the Theatre Service",
                db.single("SELECT last_error FROM theatre_seat_sync WHERE showtime_id = ?", showtime));
    }

    /** A showtime of ours with {@code ours} seats taken, {@code theirs} at the Theatre Service, and an event. */
    private long showtimeWithSeats(int ours, int theirs) {
        long showtime = newShowtime();
        db.update("UPDATE showtimes SET seats_booked = ? WHERE showtime_id = ?", ours, showtime);
        stub.seatCounter(showtime, theirs);
        markedByAnEvent(showtime);
        return showtime;
    }

    /** A change to our count, with its event, as one transaction of the lifecycle would make it. */
    private void changeOurCount(long showtime, int seats) {
        db.update("UPDATE showtimes SET seats_booked = ? WHERE showtime_id = ?", seats, showtime);
        markedByAnEvent(showtime);
    }

    private void markedByAnEvent(long showtime) {
        TestEvents.insertRow(db, "booking.held", showtime * 10, showtime, "0 seconds", null);
    }

    private int syncOnce() {
        return syncOnce(sync);
    }

    private static int syncOnce(TheatreSeatSync sync) {
        try {
            return VertxContextSupport.subscribeAndAwait(sync::syncMarked);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rounds (waiting out the settle pause after failures) until the showtime has nothing pending. */
    private void syncUntilSettled(long showtime) {
        for (int round = 0; round < 30 && pendingEvents(showtime) > 0; round++) {
            if (syncOnce() == 0) {
                Pause.millis(SETTLE_MILLIS);
            }
        }
        assertEquals(0, pendingEvents(showtime), "showtime " + showtime + " never settled");
    }

    private long pendingEvents(long showtime) {
        return db.count("SELECT count(*) FROM outbox_events WHERE showtime_id = ? AND theatre_synced_at IS NULL",
                showtime);
    }

    private int posts(long showtime) {
        return stub.hits("/showtimes/" + showtime + "/seats");
    }

}
