package com.marquee.booking.seat;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.marquee.booking.common.config.BookingConfig;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where instances tell each other about seat changes: a PostgreSQL NOTIFY channel, and the payload they put
 * on it, {@code <instance>:<showtime id>[,<showtime id>...]} or {@code <instance>:*} for "everything".
 *
 * <p>
 * Channels are per database, not per schema, so the default name carries the schema
 * ({@code seat_changes_<schema>}): two services (or two test runs) on schemas of one database never see each
 * other's changes. An operator who fixes seats by hand can tell every instance with
 * {@code SELECT pg_notify('seat_changes_<schema>', 'ops:*')}.
 */
@ApplicationScoped
public class SeatChangeChannel {

    /** PostgreSQL truncates identifiers longer than NAMEDATALEN - 1 bytes. */
    private static final int MAX_NAME = 63;

    private final String name;
    private final String instance;
    private final PgConnectOptions connectOptions;

    public SeatChangeChannel(BookingConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        // the first server of the reactive URL; the listener needs its own connection, not a pooled one
        PgConnectOptions options = url.map(SeatChangeChannel::firstServer).map(PgConnectOptions::fromUri)
                .orElseGet(PgConnectOptions::new);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.setConnectTimeout((int) config.db().connectTimeout().toMillis())
                .setTcpKeepAlive(true)
                .setMetricsName("seat-change-listener") // its own meters, not a clash with the pool's
                .addProperty("application_name", "booking-service seat listener");
        this.connectOptions = options;
        String schema = Optional.ofNullable(options.getProperties().get("search_path"))
                .map(path -> path.split(",")[0].trim()).filter(s -> !s.isEmpty()).orElse("public");
        this.name = identifier(config.seats().live().channel().orElse("seat_changes_" + schema));
        // random, not the host name: two instances on one host (or one restarted) must differ
        this.instance = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    public String name() {
        return name;
    }

    /** Names this instance in its own notifications, so it can skip them (it applied them already). */
    public String instance() {
        return instance;
    }

    PgConnectOptions connectOptions() {
        return new PgConnectOptions(connectOptions);
    }

    /** Quarkus also accepts a {@code vertx-reactive:} prefix (Dev Services write one) and a list of servers. */
    static String firstServer(String reactiveUrl) {
        String first = reactiveUrl.split(",")[0].trim();
        return first.startsWith("vertx-reactive:") ? first.substring("vertx-reactive:".length()) : first;
    }

    /** Lower case letters, digits and underscores: the same name whether or not a client quotes it. */
    static String identifier(String raw) {
        String cleaned = raw.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        return cleaned.length() <= MAX_NAME ? cleaned : cleaned.substring(0, MAX_NAME);
    }
}
