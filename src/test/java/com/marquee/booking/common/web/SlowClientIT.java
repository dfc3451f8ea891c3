package com.marquee.booking.common.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SlowClientIT extends SlowClientTest {
}
