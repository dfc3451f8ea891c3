package com.marquee.booking.seat;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SeatReadCacheIT extends SeatReadCacheTest {
}
