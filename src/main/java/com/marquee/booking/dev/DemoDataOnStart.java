package com.marquee.booking.dev;

import java.time.Duration;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Dev mode only: brings the {@link DemoData} showtimes to their demo state after every start, including every
 * live-reload restart. It runs beside the application rather than before it, so dev mode answers as soon as it
 * is up and the demo data follows (usually three reads, a few seconds when it has to book; the log says when).
 * A failure is logged and never stops dev mode.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoDataOnStart {

    private static final Logger LOG = Logger.getLogger(DemoDataOnStart.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    void seed(@Observes StartupEvent event, DemoData demo) {
        long started = System.nanoTime();
        // on a safe (duplicated) Vert.x context, as Hibernate Reactive needs, without waiting for it
        VertxContextSupport.subscribe(() -> demo.seed().ifNoItem().after(TIMEOUT).fail().toMulti(),
                subscribe -> subscribe.with(seeded -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    boolean changed = seeded.stream().anyMatch(DemoData.DemoShowtime::changed);
                    LOG.infof("Demo data %s in %d ms: %s", changed ? "seeded" : "already in place", ms,
                            seeded.stream().map(DemoData.DemoShowtime::describe).collect(Collectors.joining("; ")));
                }, e -> LOG.warnf("Demo data not seeded (dev mode goes on without it): %s", e.toString())));
    }
}
