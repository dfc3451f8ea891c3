package com.marquee.booking.common.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

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
