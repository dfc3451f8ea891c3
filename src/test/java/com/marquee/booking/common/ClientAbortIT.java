package com.marquee.booking.common;

import java.util.List;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Against the packaged app: HTTP only, so the aborted requests contend for the rows among themselves. */
@QuarkusIntegrationTest
class ClientAbortIT extends ClientAbortTest {

    @Override
    protected AutoCloseable lockRows(long showtime, List<Long> bookings, List<Long> payments) {
        return () -> {
        };
    }
}
