package com.marquee.booking.common.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the booking service lets operators tune, under the single {@code booking.*} prefix. */
@ConfigMapping(prefix = "booking")
public interface BookingConfig {

    Holds holds();

    Pricing pricing();

    AutoConfirm autoConfirm();

    Db db();

    Idempotency idempotency();

    Http http();

    Health health();

    Theatre theatre();

    Movies movies();

    Users users();

    interface Holds {
        /** How long seats stay on hold after a booking is created. */
        @WithDefault("10m")
        Duration duration();

        /** Most seats one booking may hold. */
        @WithDefault("10")
        int maxSeats();

        /** How often the expiry job looks for holds that fell due ({@code off} disables it). */
        @WithDefault("10s")
        String sweepInterval();

        /** Bookings the expiry job releases per transaction. */
        @WithDefault("500")
        int sweepBatchSize();

        /** Most minutes one extend-hold call may add. */
        @WithDefault("30")
        int maxExtensionMinutes();

        /** Minutes added by an extend-hold call that names none. */
        @WithDefault("5")
        int defaultExtensionMinutes();

        /** A hold never lasts longer than this from the booking's creation, however often extended. */
        @WithDefault("30m")
        Duration maxTotal();
    }

    interface Pricing {
        /** Seat price for showtimes that do not carry one. */
        @WithDefault("10.00")
        BigDecimal seatPrice();
    }

    interface Db {
        /** Longest a request waits for a pooled connection before it gets a 503. */
        @WithDefault("2s")
        Duration acquireTimeout();

        /** Longest a new connection to PostgreSQL may take to open. */
        @WithDefault("3s")
        Duration connectTimeout();

        /** Requests that may queue for a connection at once; beyond that they get a 503 at once. */
        @WithDefault("512")
        int maxWaitQueue();
    }

    interface AutoConfirm {
        /** Complete pending bookings on their own (the Theatre UI has no payment step). */
        @WithDefault("false")
        boolean enabled();

        /** How long a booking stays pending before it is completed automatically. */
        @WithDefault("3s")
        Duration delay();

        /** How often the auto-confirm job looks for due bookings ({@code off} disables the job). */
        @WithDefault("1s")
        String interval();

        /** Most bookings one auto-confirm run completes (each in its own transaction). */
        @WithDefault("100")
        int batchSize();
    }

    interface Idempotency {
        /** How long an Idempotency-Key and the answer it replays are kept. */
        @WithDefault("24h")
        Duration ttl();

        /**
         * A key whose first request has not answered after this long is taken to be abandoned (its instance
         * died) and may be claimed again; far above any request's run time (lock and statement timeouts).
         */
        @WithDefault("1m")
        Duration inFlightTimeout();

        /** How often expired keys are deleted ({@code off} disables the job). */
        @WithDefault("1h")
        String cleanupInterval();

        /** Most expired keys deleted per transaction. */
        @WithDefault("1000")
        int cleanupBatchSize();
    }

    /**
     * The HTTP layer below the resources: what a client may send and how long it may take. Whatever breaks these
     * gets an RFC 9457 problem like any other error (common/web/HttpLayerProblems).
     */
    interface Http {
        /** Longest request URI (path and query, in bytes) served; a longer one gets a 414 problem. */
        @WithDefault("4096")
        int maxUriLength();

        /** Most bytes of request headers served; more get a 431 problem. */
        @WithDefault("20K")
        MemorySize maxHeaderSize();

        /**
         * A request must deliver its whole body within this long after its headers, or it gets a 408 problem and
         * its connection is closed: a client sending a byte now and then cannot hold a connection for good.
         */
        @WithDefault("10s")
        Duration bodyTimeout();

        /**
         * A connection on which nothing is sent or received for this long is closed: an idle keep-alive
         * connection, or a client that stopped in the middle of its request. Takes the place of
         * {@code quarkus.http.idle-timeout} (30 minutes by default). It also runs while a request waits for the
         * database, so keep it above the longest such wait (statement timeout 15 s), and above the idle timeout of
         * a load balancer in front, which would otherwise reuse connections this side has closed.
         */
        @WithDefault("30s")
        Duration idleTimeout();

        /**
         * Where clients reach this service (e.g. {@code https://booking.example.com}), if the {@code Location} of
         * a created booking or payment should be absolute; unset, it is relative ({@code /api/bookings/1001}).
         * Never taken from the request's Host header, which a client chooses.
         */
        Optional<URI> publicBaseUrl();
    }

    /** What the liveness probe ({@code /q/health/live}, {@code /health}) checks beyond the JVM being up. */
    interface Health {
        /**
         * Liveness goes DOWN once no pooled database connection could be had for this long while PostgreSQL itself
         * accepts a new connection: the pool is stuck (leaked connections) and only a restart frees it. While
         * PostgreSQL is unreachable liveness stays UP (a restart would not help; readiness is DOWN).
         */
        @WithDefault("60s")
        Duration poolStuckAfter();
    }

    /** The Theatre Service ({@code quarkus.rest-client.theatre-service.url}); without a URL the local table rules. */
    interface Theatre {
        /**
         * A showtime copied from the Theatre Service is fetched again on first use after this long; while
         * the Theatre Service is down the older copy keeps serving.
         */
        @WithDefault("5m")
        Duration refreshAfter();
    }

    /** The Movie Service ({@code quarkus.rest-client.movie-service.url}): names shown on bookings. */
    interface Movies {
        /** How long a movie name (or the Movie Service's "no such movie") is reused without asking again. */
        @WithDefault("30m")
        Duration cacheTtl();

        /** Most movie names kept in memory; the cache starts over when it is full. */
        @WithDefault("10000")
        int cacheSize();
    }

    /** The User Service ({@code quarkus.rest-client.user-service.url}): who may book. */
    interface Users {
        /** How long a user the User Service confirmed is trusted without asking again. */
        @WithDefault("10m")
        Duration cacheTtl();

        /** Most confirmed users kept in memory; the cache starts over when it is full. */
        @WithDefault("100000")
        int cacheSize();
    }
}
