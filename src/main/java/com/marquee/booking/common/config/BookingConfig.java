package com.marquee.booking.common.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the booking service lets operators tune, under the single {@code booking.*} prefix.
 * <p>
 * In dev mode the Dev UI's configuration editor ({@code /q/dev-ui/configuration-form-editor}, filter
 * {@code booking.}) lists each key with its current value and can edit it, but it does
 * not show this Javadoc: it describes only extensions' configuration, from metadata their build generates.
 * This file and the README's Configuration table are the documentation.
 */
@ConfigMapping(prefix = "booking")
public interface BookingConfig {

    Holds holds();

    Pricing pricing();

    AutoConfirm autoConfirm();

    Db db();

    Idempotency idempotency();

    Payments payments();

    Http http();

    Health health();

    Theatre theatre();

    Seats seats();

    Events events();

    Auth auth();

    RateLimit rateLimit();

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

        /**
         * Longest SQL text (characters) the per-connection prepared-statement cache keeps. The Vert.x client's
         * default, 2048, leaves out the hold statement (~3,000), which PostgreSQL then parsed and planned on every
         * hold (bench/README.md, tuning log 12).
         */
        @WithDefault("16384")
        int preparedStatementCacheSqlLimit();
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
     * Who moves the money, and how the service settles charges and refunds whose outcome it does not
     * know yet. Environment names are the contract: {@code BOOKING_PAYMENTS_PROVIDER},
     * {@code BOOKING_PAYMENTS_CURRENCY}, {@code BOOKING_PAYMENTS_RECONCILE_AFTER},
     * {@code BOOKING_PAYMENTS_STRIPE_URL}, {@code BOOKING_PAYMENTS_STRIPE_API_KEY},
     * {@code BOOKING_PAYMENTS_STRIPE_WEBHOOK_SECRET}, {@code BOOKING_PAYMENTS_STRIPE_PAYMENT_METHOD}.
     */
    interface Payments {
        /** {@code simulated} (no money moves; deterministic declines) or {@code stripe} (PaymentIntents API). */
        @WithDefault("simulated")
        String provider();

        /** ISO 4217 currency of every amount, lower case as Stripe writes it. */
        @WithDefault("usd")
        String currency();

        /**
         * Longest one provider call may take. A call that has not answered by then has an unknown outcome:
         * never a decline, settled by the reconciler.
         */
        @WithDefault("10s")
        Duration timeout();

        /** A charge or refund left unsettled this long (unknown outcome, an instance that died) is reconciled. */
        @WithDefault("1m")
        Duration reconcileAfter();

        /** How often the reconciler looks for unsettled payments ({@code off} disables the job). */
        @WithDefault("15s")
        String reconcileInterval();

        /** Most unsettled payments one reconciler run settles. */
        @WithDefault("50")
        int reconcileBatchSize();

        /**
         * How long the expiry job leaves a booking alone while its charge is in flight, counted from the
         * charge's start; must exceed {@link #timeout()} so an answered charge always finds its hold.
         */
        @WithDefault("30s")
        Duration chargeGrace();

        Simulated simulated();

        Stripe stripe();

        interface Simulated {
            /** Added to every simulated provider call, to rehearse a remote provider in tests and benchmarks. */
            @WithDefault("0ms")
            Duration latency();
        }

        interface Stripe {
            /** API base; requests go to {@code {url}/v1/...}. */
            @WithDefault("https://api.stripe.com")
            String url();

            /** Secret key, sent as {@code Authorization: Bearer}; required with {@code provider=stripe}. */
            Optional<String> apiKey();

            /** Signing secret of the webhook endpoint ({@code whsec_...}); without it webhooks are refused. */
            Optional<String> webhookSecret();

            /** Payment method charged for a checkout ({@code pm_card_visa} is Stripe's test card). */
            @WithDefault("pm_card_visa")
            String paymentMethod();

            /** Oldest webhook signature timestamp accepted (replay protection). */
            @WithDefault("5m")
            Duration webhookTolerance();
        }
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

        /**
         * Keep the Theatre Service's {@code seats_booked} of every showtime equal to ours
         * ({@code BOOKING_THEATRE_SYNC_SEATS}); needs a Theatre Service URL. Driven from the outbox: each
         * event with a showtime marks it for a reconcile (README: Theatre seat counter).
         */
        @WithDefault("false")
        boolean syncSeats();

        /** How often showtimes marked by events are reconciled ({@code off} disables the job). */
        @WithDefault("2s")
        String syncInterval();

        /** Showtimes reconciled per run. */
        @WithDefault("50")
        int syncBatchSize();

        /**
         * After a counter update whose outcome we do not know (timeout, reset, 5xx), how long before the
         * showtime is read and reconciled again; also the pause after any other failed round. Longer than
         * the Theatre Service could still be working on the lost request.
         */
        @WithDefault("10s")
        Duration syncSettle();

        /** How long one instance owns a showtime's reconcile; another may take over after it. */
        @WithDefault("30s")
        Duration syncLease();
    }



    /**
     * Seat reads served from memory, and the live seat map ({@code GET /api/showtimes/{id}/seats/stream}).
     * A showtime's seats are loaded once per change and shared by every reader and stream subscriber of this
     * instance; commits here invalidate at once, commits on other instances arrive by PostgreSQL NOTIFY.
     */
    interface Seats {
        /**
         * Longest a loaded seat snapshot is served without asking the database again. Only a safety net:
         * changes made through this service invalidate it at once (here) or within ~0.1 s (other instances);
         * it bounds how long a write made behind the service's back (a manual fix) stays unseen. While the
         * change listener is disconnected, at most 500 ms is used instead.
         */
        @WithDefault("2s")
        Duration snapshotTtl();

        /** A showtime nobody has read or watched for this long is dropped from memory. */
        @WithDefault("2m")
        Duration snapshotIdle();

        /** Most showtimes kept in memory; beyond it the least recently read (and unwatched) are dropped. */
        @WithDefault("10000")
        int maxSnapshots();

        Live live();

        interface Live {
            /** Live seat-map streams one instance serves at once; beyond it clients get 503 with Retry-After. */
            @WithDefault("1000")
            int maxSubscribers();

            /** How often an idle stream gets an SSE comment, so proxies keep it open and clients see it alive. */
            @WithDefault("15s")
            Duration heartbeat();

            /**
             * A watched showtime not refreshed for this long is read again and the difference streamed: how
             * writes that announce nothing (a manual fix, another service's writer) reach the stream.
             */
            @WithDefault("5s")
            Duration resyncInterval();

            /**
             * Changes committed here are announced to the other instances (one {@code pg_notify} carrying
             * every changed showtime) at most once per this window, so a flash sale costs a few NOTIFYs a
             * second, not one per hold.
             */
            @WithDefault("50ms")
            Duration notifyDelay();

            /** {@code Retry-After} sent with the 503 when every stream slot is taken. */
            @WithDefault("5s")
            Duration retryAfter();

            /**
             * The LISTEN/NOTIFY channel. Default {@code seat_changes_<schema>}: channels are per database, so
             * services on other schemas of the same database never see each other's changes.
             */
            Optional<String> channel();
        }
    }

    /**
     * Booking events: every change is written to the {@code outbox_events} table in its own transaction,
     * and the relay publishes the table to the broker (README: Events). The broker is configured the
     * Quarkus way ({@code RABBITMQ_HOST}, {@code RABBITMQ_PORT}, {@code RABBITMQ_USERNAME},
     * {@code RABBITMQ_PASSWORD}); the channel is {@code mp.messaging.outgoing.booking-events.*}.
     */
    interface Events {
        /**
         * Publish the outbox to the broker ({@code BOOKING_EVENTS_ENABLED}). Off: events are still written,
         * nothing connects to a broker, and unpublished events are pruned after {@link #retention()}.
         */
        @WithDefault("false")
        boolean enabled();

        /** Where events go: the RabbitMQ topic exchange (the Kafka topic or AMQP address after a swap). */
        @WithDefault("booking.events")
        String exchange();

        /** How often the relay looks for unpublished events ({@code off} disables the job; nudges still work). */
        @WithDefault("1s")
        String relayInterval();

        /** Bookings (each with all its unpublished events) claimed per relay transaction. */
        @WithDefault("200")
        int batchSize();

        /**
         * How long claimed events belong to the instance that claimed them; another instance may take them
         * over after it (an instance that died). Far above {@link #publishTimeout()}.
         */
        @WithDefault("60s")
        Duration lease();

        /** Longest wait for the broker to confirm one event; then the outcome is unknown and it is sent again later. */
        @WithDefault("5s")
        Duration publishTimeout();

        /** First pause after the broker failed; doubled per failure up to {@link #backoffMax()}, with jitter. */
        @WithDefault("500ms")
        Duration backoffInitial();

        /** Longest pause between attempts while the broker is failing. */
        @WithDefault("30s")
        Duration backoffMax();

        /**
         * Nudge the relay after every commit that wrote events, so they are published within milliseconds rather
         * than at the next relay tick. Off in tests, where the relay runs only when a test calls it (a relay
         * running behind every test would ask the upstream services too and publish for every test).
         */
        @WithDefault("true")
        boolean nudgeOnCommit();

        /** How soon the relay runs after {@code OutboxRelay.nudge()}; nudges within this time share one run. */
        @WithDefault("20ms")
        Duration nudgeDelay();

        /** Published events are deleted this long after publication. */
        @WithDefault("7d")
        Duration retention();

        /** How often old events are deleted ({@code off} disables the job). */
        @WithDefault("1h")
        String pruneInterval();

        /** Events deleted per transaction. */
        @WithDefault("1000")
        int pruneBatchSize();
    }

    /**
     * Who may do what (README: Security). The User Service's JWTs are verified by smallrye-jwt: HS256 with
     * {@link #jwtSecret()}, or RS256/ES256 with {@code mp.jwt.verify.publickey.location} (PEM or JWKS) when no
     * secret is set. Environment: {@code BOOKING_AUTH_MODE}, {@code BOOKING_AUTH_JWT_SECRET},
     * {@code BOOKING_AUTH_JWT_PREVIOUS_SECRET}.
     */
    interface Auth {
        /**
         * {@code off}: tokens are ignored, everyone may do everything (as before tokens existed); {@code optional}: a
         * request without a token is served as before, one with a token must carry a valid one and is held to the
         * rules; {@code required}: every call that reads or changes a user's data needs a valid token.
         */
        @WithDefault("optional")
        String mode();

        /** The User Service's HS256 secret ({@code JWT_SECRET_KEY} there), the raw string it signs with. */
        Optional<String> jwtSecret();

        /**
         * During a rotation, the secret the User Service signed with until now: tokens signed with either are
         * accepted until this is removed (README: Security, rotating the secret).
         */
        Optional<String> jwtPreviousSecret();

        /** The {@code groups} entry, or {@code role} claim value, that makes a token an operator's. */
        @WithDefault("admin")
        String operatorRole();
    }

    /**
     * A per-client limit on booking creation: a token bucket per user id (from a valid token), else per client
     * address, kept in this instance's memory. Beyond it {@code POST /api/bookings} answers 429 with
     * {@code Retry-After}. Several instances each keep their own buckets (README: Security, abuse limits).
     */
    interface RateLimit {
        /** Limit booking creation per client ({@code BOOKING_RATE_LIMIT_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** Bookings a client may create in a burst (the bucket's size). */
        @WithDefault("20")
        int burst();

        /** Bookings a client may create per minute in the long run (the bucket's refill rate). */
        @WithDefault("30")
        int perMinute();

        /** Most clients remembered at once; beyond it the least recently seen are forgotten (bounded memory). */
        @WithDefault("100000")
        int maxClients();
    }
}
