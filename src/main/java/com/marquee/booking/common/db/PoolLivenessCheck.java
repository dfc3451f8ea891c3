package com.marquee.booking.common.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Liveness that notices a stuck connection pool. Readiness already goes DOWN when the database cannot be used, but
 * readiness restarts nothing: if connections leak until the pool is empty, the instance answers 503 for good. So
 * each probe borrows a pooled connection (waiting at most the pool's acquire timeout); once none could be had for
 * {@code booking.health.pool-stuck-after} while a fresh connection outside the pool still reaches PostgreSQL,
 * liveness is DOWN and the platform replaces the instance. If PostgreSQL itself does not answer, a restart would
 * not help: liveness stays UP.
 */
@Liveness
@ApplicationScoped
public class PoolLivenessCheck implements AsyncHealthCheck {

    static final String NAME = "Database connection pool";

    private static final Logger LOG = Logger.getLogger(PoolLivenessCheck.class);
    private static final long NOT_FAILING = Long.MIN_VALUE;

    private final Pool pool;
    private final BoundedPgPool poolCreator;
    private final Vertx vertx;
    private final Duration stuckAfter;
    private final AtomicLong failingSince = new AtomicLong(NOT_FAILING);
    /** Logged once per episode, not on every probe until the platform acts. */
    private final AtomicBoolean reportedDown = new AtomicBoolean();

    public PoolLivenessCheck(Pool pool, BoundedPgPool poolCreator, Vertx vertx, BookingConfig config) {
        this.pool = pool;
        this.poolCreator = poolCreator;
        this.vertx = vertx;
        this.stuckAfter = config.health().poolStuckAfter();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // uncancellable: a connection handed over after the probe gave up would never be returned
        return Uncancellable.of(pool.getConnection().call(SqlConnection::close))
                .map(connection -> {
                    failingSince.set(NOT_FAILING);
                    reportedDown.set(false);
                    return verdict(Duration.ZERO, null);
                })
                .onFailure().recoverWithUni(failure -> {
                    long now = System.nanoTime();
                    Duration stuckFor = Duration.ofNanos(now - failingSince.updateAndGet(
                            since -> since == NOT_FAILING ? now : since));
                    if (stuckFor.compareTo(stuckAfter) < 0) {
                        return Uni.createFrom().item(verdict(stuckFor, null));
                    }
                    return databaseAnswers().map(answers -> {
                        HealthCheckResponse verdict = verdict(stuckFor, answers);
                        boolean down = verdict.getStatus() == HealthCheckResponse.Status.DOWN;
                        if (down && reportedDown.compareAndSet(false, true)) {
                            LOG.errorf("No pooled database connection for %d s while PostgreSQL answers: liveness is"
                                    + " DOWN so that the instance is replaced (last failure: %s)", stuckFor.toSeconds(),
                                    failure.toString());
                        }
                        return verdict;
                    });
                });
    }

    /**
     * DOWN only for a pool that has served no connection for at least {@code stuckAfter} while the database answers
     * ({@code databaseAnswers} null: not asked, since the pool served or has not been stuck long enough).
     */
    HealthCheckResponse verdict(Duration stuckFor, Boolean databaseAnswers) {
        boolean down = stuckFor.compareTo(stuckAfter) >= 0 && Boolean.TRUE.equals(databaseAnswers);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(!down)
                .withData("pool", stuckFor.isZero() ? "serves connections"
                        : "no connection for " + stuckFor.toSeconds() + " s");
        if (databaseAnswers != null) {
            response.withData("database", databaseAnswers ? "answers" : "unreachable: a restart would not help");
        }
        return response.build();
    }

    /** Whether PostgreSQL accepts a connection of its own, outside the pool (bounded by the connect timeout). */
    private Uni<Boolean> databaseAnswers() {
        PgConnectOptions options = poolCreator.connectOptions();
        if (options == null) {
            return Uni.createFrom().item(false);
        }
        return Uncancellable.of(PgConnection.connect(vertx, options)
                .chain(connection -> connection.query("SELECT 1").execute().eventually(connection::close)))
                .map(rows -> true)
                .onFailure().recoverWithItem(false);
    }
}
