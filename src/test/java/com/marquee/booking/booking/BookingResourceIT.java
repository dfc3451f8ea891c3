package com.marquee.booking.booking;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class BookingResourceIT extends BookingResourceTest {
}
