package com.marquee.booking.dev;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Dev mode only: brings the {@link DemoData} showtimes to their demo state at every start, including every
 * live-reload restart. Usually three reads; a failure is logged, never stops dev mode.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoDataOnStart {

    private static final Logger LOG = Logger.getLogger(DemoDataOnStart.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    void seed(@Observes StartupEvent event, DemoData demo) {
        long started = System.nanoTime();
        try {
            List<DemoData.DemoShowtime> seeded = VertxContextSupport.subscribeAndAwait(
                    () -> demo.seed().ifNoItem().after(TIMEOUT).fail());
            long ms = (System.nanoTime() - started) / 1_000_000;
            boolean changed = seeded.stream().anyMatch(DemoData.DemoShowtime::changed);
            LOG.infof("Demo data %s in %d ms: %s", changed ? "seeded" : "already in place", ms,
                    seeded.stream().map(DemoData.DemoShowtime::describe).collect(Collectors.joining("; ")));
        } catch (Throwable e) {
            LOG.warnf("Demo data not seeded (dev mode goes on without it): %s", e.toString());
        }
    }
}
