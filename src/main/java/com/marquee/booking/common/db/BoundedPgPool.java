package com.marquee.booking.common.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The reactive pool with bounded waits. Vert.x would otherwise queue a request for a connection for
 * 30 s and a connect attempt for 60 s: under a burst or with the database gone, clients would hang
 * instead of getting a quick 503 they can retry. Also lets the statement cache keep our longest statements
 * ({@code booking.db.prepared-statement-cache-sql-limit}; Quarkus has no key for it).
 */
@Singleton
public class BoundedPgPool implements PgPoolCreator {

    private final BookingConfig config;
    private volatile PgConnectOptions connectOptions;

    public BoundedPgPool(BookingConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        BookingConfig.Db db = config.db();
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout((int) db.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(db.maxWaitQueue());
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions connect : input.pgConnectOptionsList()) {
            servers.add(connect.setConnectTimeout((int) db.connectTimeout().toMillis())
                    .setPreparedStatementCacheSqlLimit(db.preparedStatementCacheSqlLimit()));
        }
        connectOptions = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }

    /** How the pool reaches PostgreSQL (its first server), for a connection outside the pool; null before it exists. */
    public PgConnectOptions connectOptions() {
        PgConnectOptions options = connectOptions;
        return options == null ? null : new PgConnectOptions(options);
    }
}
