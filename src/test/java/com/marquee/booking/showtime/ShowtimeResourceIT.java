package com.marquee.booking.showtime;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ShowtimeResourceIT extends ShowtimeResourceTest {
}
