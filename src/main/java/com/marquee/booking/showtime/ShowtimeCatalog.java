package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import com.marquee.booking.common.change.SeatsChanged;
import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.logging.RateLimitedLog;
import com.marquee.booking.common.metrics.BookingMetrics;
import com.marquee.booking.integration.Upstream;
import com.marquee.booking.integration.UpstreamUnavailable;
import com.marquee.booking.integration.theatre.TheatreClient;
import com.marquee.booking.integration.theatre.TheatreShowtimeUnknown;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the local copy of a Theatre Service showtime present and fresh, called before a request's own
 * transaction: the Theatre Service is never waited on while a row lock is held. Without a Theatre
 * Service URL it does nothing and the local table is the source of truth.
 *
 * <ul>
 * <li>unknown here, or copied longer ago than {@code booking.theatre.refresh-after}: fetched and stored;
 * <li>the Theatre Service says 404: {@link ShowtimeNotFound};
 * <li>the Theatre Service is down, slow or its circuit open: the stored copy is used as it is, and
 * without one the request fails with 503.
 * </ul>
 * Showtimes made locally ({@code PUT}, {@code refreshed_at} NULL) are never fetched.
 */
@ApplicationScoped
public class ShowtimeCatalog {

    private static final Logger LOG = Logger.getLogger(ShowtimeCatalog.class);

    private final TheatreClient theatre;
    private final ShowtimeRepository showtimes;
    private final BookingMetrics metrics;
    private final Event<SeatsChanged> seatsChanged;
    private final Clock clock;
    private final Duration refreshAfter;
    private final BigDecimal defaultPrice;
    private final RateLimitedLog fallbacks = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    public ShowtimeCatalog(TheatreClient theatre, ShowtimeRepository showtimes, BookingMetrics metrics,
            Event<SeatsChanged> seatsChanged, BookingConfig config, Clock clock) {
        this.seatsChanged = seatsChanged;
        this.theatre = theatre;
        this.showtimes = showtimes;
        this.metrics = metrics;
        this.clock = clock;
        this.refreshAfter = config.theatre().refreshAfter();
        this.defaultPrice = config.pricing().seatPrice();
    }

    public Uni<Void> ensureFresh(long showtimeId) {
        if (!theatre.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return showtimes.findById(showtimeId).chain(copy -> {
            Instant now = clock.instant();
            if (copy != null && (copy.refreshedAt == null || copy.refreshedAt.plus(refreshAfter).isAfter(now))) {
                return Uni.createFrom().voidItem();
            }
            Instant storedAt = copy == null ? null : copy.refreshedAt;
            return Upstream.onCallerContext(theatre.showtime(showtimeId))
                    .onFailure(TheatreShowtimeUnknown.class).transform(e -> new ShowtimeNotFound(showtimeId))
                    .chain(fetched -> Panache.withTransaction(() -> showtimes.upsertFromTheatre(fetched,
                            fetched.price() == null ? defaultPrice : fetched.price(), clock.instant())))
                    .invoke(() -> seatsChanged.fire(SeatsChanged.of(showtimeId)))
                    .replaceWithVoid()
                    .onFailure(UpstreamUnavailable.class).recoverWithUni(e -> {
                        if (storedAt == null) {
                            return Uni.createFrom().failure(new UpstreamUnavailable(TheatreClient.SERVICE,
                                    ((UpstreamUnavailable) e).reason(), "Showtime " + showtimeId
                                            + " is not known here yet and the Theatre Service cannot be reached"
                                            + " (" + ((UpstreamUnavailable) e).reason().replace('_', ' ')
                                            + "); try again shortly"));
                        }
                        metrics.upstreamDegraded(TheatreClient.SERVICE, "stale_copy");
                        String message = "Theatre Service unavailable (" + ((UpstreamUnavailable) e).reason()
                                + "); using the copy of showtime " + showtimeId + " stored at " + storedAt;
                        fallbacks.warn(message);
                        return Uni.createFrom().voidItem();
                    });
        });
    }
}
