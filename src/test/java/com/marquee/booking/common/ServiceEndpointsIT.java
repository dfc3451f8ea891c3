package com.marquee.booking.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ServiceEndpointsIT extends ServiceEndpointsTest {
}
