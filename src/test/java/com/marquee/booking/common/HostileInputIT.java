package com.marquee.booking.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class HostileInputIT extends HostileInputTest {
}
