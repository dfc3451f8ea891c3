package com.marquee.booking.support;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.marquee.booking.seat.SeatSnapshots;

import io.agroal.api.AgroalPoolInterceptor;

/**
 * The service writes only through the reactive pool; in a {@code @QuarkusTest} the JDBC pool serves Flyway and
 * the tests' own SQL ({@link TestDb}, rogue connections): writes behind the service's back, which in production
 * go unreported until the snapshot TTL. A test that writes this way and then reads seats must see its write at
 * once, deterministically, so a JDBC connection coming back to the pool invalidates every seat snapshot, as a
 * writer calling {@code SeatChanges} would. It does not feed live streams: tests drive those with NOTIFY, the way
 * another instance would. Test classpath only: not in the packaged app.
 */
@ApplicationScoped
public class BehindTheBackWrites implements AgroalPoolInterceptor {

    private final Instance<SeatSnapshots> snapshots;

    public BehindTheBackWrites(Instance<SeatSnapshots> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        snapshots.get().invalidateAll();
    }
}
