package com.marquee.booking.seat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.seat.TakenSeatRepository.Screen;
import com.marquee.booking.seat.TakenSeatRepository.TakenSeat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The snapshot store's rules, with a repository whose queries the test answers by hand: what is served from
 * memory, what waits for a query, and which query a read may share.
 */
class SeatSnapshotsTest {

    /** Every query sent, in order; the test completes them when it wants. */
    final List<UniEmitter<? super Screen>> queries = new ArrayList<>();
    final ChangeFeedHealth feed = new ChangeFeedHealth();
    SeatSnapshots snapshots;

    @BeforeEach
    void store() {
        feed.listening(true);
        snapshots = store(Duration.ofSeconds(30), 100);
    }

    SeatSnapshots store(Duration ttl, int max) {
        TakenSeatRepository repository = new TakenSeatRepository(null) {
            @Override
            public Uni<Screen> screen(long showtimeId, Instant now) {
                return Uni.createFrom().emitter(queries::add);
            }
        };
        return new SeatSnapshots(repository, feed, new SeatReadMetrics(new SimpleMeterRegistry()), ttl,
                Duration.ofMinutes(2), max, Clock.systemUTC());
    }

    @Test
    void readsWhileAQueryRunsShareIt() {
        List<SeatSnapshot> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            snapshots.current(7).subscribe().with(answers::add);
        }
        assertEquals(1, queries.size());
        queries.get(0).complete(screen(1));
        assertEquals(5, answers.size());
        answers.forEach(answer -> assertSame(answers.get(0), answer));
    }

    @Test
    void aFreshSnapshotIsServedWithoutAQuery() {
        SeatSnapshot first = load(7, screen(1));
        assertSame(first, now(snapshots.current(7)));
        assertEquals(1, queries.size());
    }

    @Test
    void aReadAfterAReportedChangeNeverGetsAQueryThatStartedBefore() {
        List<SeatSnapshot> early = new ArrayList<>();
        snapshots.current(7).subscribe().with(early::add); // query 0 starts
        snapshots.changed(7); // a commit is reported while query 0 runs: it may not have seen the commit
        List<SeatSnapshot> late = new ArrayList<>();
        snapshots.current(7).subscribe().with(late::add);

        assertEquals(2, queries.size(), "the later read did not join the earlier query");
        queries.get(1).complete(screen(2));
        queries.get(0).complete(screen(1)); // the older query answers last: it must not win
        assertEquals(2, late.get(0).taken().size());
        assertEquals(1, early.get(0).taken().size());
        assertEquals(2, now(snapshots.current(7)).taken().size());
        assertEquals(2, queries.size());
    }

    @Test
    void invalidatingEverythingMakesEverySnapshotStale() {
        load(7, screen(1));
        load(8, screen(1));
        snapshots.invalidateAll();
        snapshots.current(7).subscribe().with(ignored -> {
        });
        snapshots.current(8).subscribe().with(ignored -> {
        });
        assertEquals(4, queries.size());
    }

    @Test
    void theTtlBoundsHowLongASnapshotIsTrusted() throws InterruptedException {
        snapshots = store(Duration.ofMillis(50), 100);
        load(7, screen(1));
        Thread.sleep(80);
        snapshots.current(7).subscribe().with(ignored -> {
        });
        assertEquals(2, queries.size());
    }

    @Test
    void withoutTheChangeFeedMemoryIsTrustedHalfASecondAtMost() throws InterruptedException {
        feed.listening(false);
        load(7, screen(1));
        snapshots.current(7).subscribe().with(ignored -> {
        });
        assertEquals(1, queries.size(), "still fresh");
        Thread.sleep(600);
        snapshots.current(7).subscribe().with(ignored -> {
        });
        assertEquals(2, queries.size());
    }

    @Test
    void unknownShowtimesAreNotKept() {
        List<SeatSnapshot> answers = new ArrayList<>();
        snapshots.current(404).subscribe().with(answers::add);
        queries.get(0).complete(null);
        assertNull(answers.get(0));
        assertEquals(0, snapshots.size());
    }

    @Test
    void aFailedQueryIsNotRemembered() {
        snapshots.current(7).subscribe().with(ignored -> {
        }, failure -> {
        });
        queries.get(0).fail(new IllegalStateException("database down"));
        snapshots.current(7).subscribe().with(ignored -> {
        });
        assertEquals(2, queries.size());
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyRead() {
        snapshots = store(Duration.ofSeconds(30), 10);
        for (long id = 1; id <= 11; id++) {
            snapshots.current(id).subscribe().with(ignored -> {
            });
        }
        assertEquals(9, snapshots.size(), "over the bound a tenth more than the excess goes");
    }

    @Test
    void holdsRunOutAtReadTime() {
        Instant now = Instant.now();
        SeatSnapshot snapshot = load(7, new Screen(5, 5, List.of(
                new TakenSeat(1, 1, false, SeatStatus.BOOKED, 10, null),
                new TakenSeat(1, 2, false, SeatStatus.ON_HOLD, 11, now.plusSeconds(60)),
                new TakenSeat(1, 3, false, SeatStatus.ON_HOLD, 12, now.plusSeconds(120)))));
        assertEquals(3, snapshot.takenAt(now).size());
        assertEquals(now.plusSeconds(60), snapshot.nextExpiryAfter(now));
        assertEquals(2, snapshot.takenAt(now.plusSeconds(60)).size(), "a hold is over at its expiry time");
        assertEquals(now.plusSeconds(120), snapshot.nextExpiryAfter(now.plusSeconds(60)));
        assertEquals(1, snapshot.takenAt(now.plusSeconds(200)).size());
        assertEquals(Instant.MAX, snapshot.nextExpiryAfter(now.plusSeconds(200)));
    }

    private SeatSnapshot load(long showtimeId, Screen screen) {
        List<SeatSnapshot> answer = new ArrayList<>();
        snapshots.current(showtimeId).subscribe().with(answer::add);
        queries.get(queries.size() - 1).complete(screen);
        return answer.get(0);
    }

    private static SeatSnapshot now(Uni<SeatSnapshot> uni) {
        List<SeatSnapshot> answer = new ArrayList<>();
        uni.subscribe().with(answer::add);
        assertEquals(1, answer.size(), "answered at once, from memory");
        return answer.get(0);
    }

    private static Screen screen(int takenSeats) {
        List<TakenSeat> taken = new ArrayList<>();
        for (int col = 1; col <= takenSeats; col++) {
            taken.add(new TakenSeat(1, col, false, SeatStatus.BOOKED, 100 + col, null));
        }
        return new Screen(10, 10, taken);
    }
}
