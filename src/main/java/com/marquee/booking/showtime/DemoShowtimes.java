package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Dev mode only: showtimes 1 and 2 (10 rows x 20 seats, 12.50) so the README's curl examples work
 * at once. Start times roll forward so a long-lived dev database never ends up with past showtimes.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoShowtimes {

    private static final Logger LOG = Logger.getLogger(DemoShowtimes.class);

    void seed(@Observes StartupEvent event, ShowtimeService showtimes, Clock clock) throws Throwable {
        Instant tomorrow = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(24 + 19));
        for (long id = 1; id <= 2; id++) {
            ShowtimeRequest demo = new ShowtimeRequest(100 + id, 10 + id, tomorrow.plus(Duration.ofHours(3 * (id - 1))),
                    new BigDecimal("12.50"), 10, 20);
            long showtimeId = id;
            VertxContextSupport.subscribeAndAwait(() -> showtimes.get(showtimeId)
                    .map(existing -> existing.startTime().isAfter(Instant.now()))
                    .onFailure().recoverWithItem(false)
                    .chain(current -> current ? showtimes.get(showtimeId) : showtimes.put(showtimeId, demo)
                            .map(ShowtimeService.Upserted::showtime)));
        }
        LOG.info("Dev mode: demo showtimes 1 and 2 are ready (10 rows x 20 seats, 12.50)");
    }
}
