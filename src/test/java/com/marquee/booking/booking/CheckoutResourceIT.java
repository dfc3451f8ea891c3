package com.marquee.booking.booking;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CheckoutResourceIT extends CheckoutResourceTest {
}
