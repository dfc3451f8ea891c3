package com.marquee.booking.common;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Concurrently;
import com.marquee.booking.support.Concurrently.Answer;
import com.marquee.booking.support.Concurrently.Call;
import com.marquee.booking.support.Metrics;
import com.marquee.booking.support.Payments;
import com.marquee.booking.support.RawHttp;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that hangs up must never cost a pooled connection. Every writing endpoint (known and unknown
 * ids) gets requests whose client closes the socket at a random moment: at once, or after a short delay,
 * with a FIN or an RST. While they arrive, a test connection holds the rows they lock, so most of them
 * are waiting inside their transaction when the client goes. Afterwards the pool must be whole:
 * {@code sql_pool_active} back to 0 and more parallel requests than connections all served at once.
 * <p>
 * Sized to catch a rare leak: {@value #ROUNDS} rounds x every endpoint is ~400 aborts, so a leak in 1 of
 * 5 aborts (what the bug did) survives with probability 0.8^400, and even one endpoint's ~20 aborts
 * catch it 99 times in 100.
 */
@QuarkusTest
class ClientAbortTest {

    private static final int ROUNDS = 20;
    private static final long UNKNOWN = 999_999_999L;

    private record Target(String method, String path, String body) {
    }

    @Test
    void clientsThatHangUpLeaveThePoolWhole() throws Exception {
        long st = newShowtime(100, 100, "10.00");
        List<Long> bookings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bookings.add(holdOk(st, nextId(), "A", i + 1));
        }
        List<Long> payments = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            payments.add(Payments.pendingPayment("12.50"));
            payments.add(Payments.completedPayment("12.50"));
        }
        Random random = new Random(20261201L);
        int poolSize = poolSize();
        int aborts = 0;

        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Target> targets = targets(random, st, bookings, payments);
                // half the rounds with the rows locked: requests wait mid-transaction when their client goes
                try (AutoCloseable locked = round % 2 == 0 ? lockRows(st, bookings, payments) : () -> {
                }) {
                    List<Future<?>> sent = new ArrayList<>();
                    for (Target target : targets) {
                        int delay = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40);
                        boolean reset = random.nextBoolean();
                        String raw = RawHttp.request(target.method(), target.path(), target.body());
                        sent.add(clients.submit(() -> {
                            RawHttp.abort(raw, delay, reset);
                            return null;
                        }));
                    }
                    for (Future<?> future : sent) {
                        future.get(10, TimeUnit.SECONDS);
                    }
                    aborts += targets.size();
                    Thread.sleep(random.nextInt(60));
                }
            }
        } finally {
            clients.shutdownNow();
        }

        double leaked = settledActiveConnections();
        assertEquals(0.0, leaked, "leaked " + (int) leaked + " of " + poolSize + " connections after " + aborts
                + " aborted requests");
        List<Answer> answers = Concurrently.times(poolSize + 4, new Call("GET", "/api/bookings/" + bookings.get(0),
                null, null));
        assertEquals(List.of(200), answers.stream().map(Answer::status).distinct().collect(Collectors.toList()),
                "every connection usable after " + aborts + " aborts");
    }

    /** Every writing endpoint once, on known rows and on ids that do not exist. */
    private static List<Target> targets(Random random, long st, List<Long> bookings, List<Long> payments) {
        long booking = bookings.get(random.nextInt(bookings.size()));
        long payment = payments.get(random.nextInt(payments.size()));
        String showtime = "{\"movie_id\":1,\"screen_id\":1,\"start_time\":\"2031-01-01T19:30:00Z\",\"price\":10.00,"
                + "\"num_rows\":100,\"num_cols\":100}";
        List<Target> targets = new ArrayList<>();
        for (long[] ids : new long[][] { { st, booking, payment }, { UNKNOWN, UNKNOWN, UNKNOWN } }) {
            long s = ids[0];
            long b = ids[1];
            long p = ids[2];
            targets.add(new Target("POST", "/api/bookings/", "{\"user_id\":" + nextId() + ",\"showtime_id\":" + s
                    + ",\"seats\":[{\"row\":" + (2 + random.nextInt(98)) + ",\"col\":" + (1 + random.nextInt(100)) + "}]}"));
            targets.add(new Target("POST", "/api/bookings/" + b + "/cancel", null));
            targets.add(new Target("POST", "/api/bookings/" + b + "/complete", null));
            targets.add(new Target("POST", "/api/bookings/" + b + "/confirm", "{\"payment_id\":" + p + "}"));
            targets.add(new Target("POST", "/api/payments/", "{\"amount\":12.50,\"created_by\":\"abort\",\"booking_id\":"
                    + b + "}"));
            targets.add(new Target("POST", "/api/payments/" + p + "/process", null));
            targets.add(new Target("POST", "/api/payments/" + p + "/fail", null));
            targets.add(new Target("POST", "/api/payments/" + p + "/refund", null));
            targets.add(new Target("POST", "/api/showtimes/booking/" + b + "/extend-hold", "{\"additional_minutes\":1}"));
            targets.add(new Target("PUT", "/api/showtimes/" + s, showtime));
        }
        return targets;
    }

    /**
     * Holds the rows the requests lock until closed (from a connection of the test's own), so they wait
     * inside their transactions. The integration test overrides it: it can only speak HTTP, and there the
     * requests contend for the same rows among themselves.
     */
    protected AutoCloseable lockRows(long showtime, List<Long> bookings, List<Long> payments) throws Exception {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT 1 FROM showtimes WHERE showtime_id = ? FOR UPDATE");
                PreparedStatement b = connection.prepareStatement(
                        "SELECT 1 FROM bookings WHERE booking_id = ANY (?) FOR UPDATE");
                PreparedStatement p = connection.prepareStatement(
                        "SELECT 1 FROM payments WHERE payment_id = ANY (?) FOR UPDATE")) {
            st.setLong(1, showtime);
            st.executeQuery();
            b.setArray(1, connection.createArrayOf("bigint", bookings.toArray()));
            b.executeQuery();
            p.setArray(1, connection.createArrayOf("bigint", payments.toArray()));
            p.executeQuery();
        }
        return () -> {
            Thread.sleep(150);
            connection.rollback();
            connection.close();
        };
    }

    /** Connections in use once the aborted requests had time to end (lock and pool waits are bounded). */
    private static double settledActiveConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        double active = Metrics.value("sql_pool_active");
        while (active > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            active = Metrics.value("sql_pool_active");
        }
        return active;
    }

    /** The pool's size as the metrics see it: connections in use plus those it may still hand out. */
    private static int poolSize() {
        int size = (int) (Metrics.value("sql_pool_active") + Metrics.value("sql_pool_idle"));
        assertTrue(size > 0, "sql_pool_* metrics are exposed");
        return size;
    }
}
