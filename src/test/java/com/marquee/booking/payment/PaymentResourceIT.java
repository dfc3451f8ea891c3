package com.marquee.booking.payment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PaymentResourceIT extends PaymentResourceTest {
}
