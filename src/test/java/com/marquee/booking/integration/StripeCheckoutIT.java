package com.marquee.booking.integration;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StripeCheckoutTest} against the packaged app, its own scheduler reconciling. */
@QuarkusIntegrationTest
class StripeCheckoutIT extends StripeCheckoutTest {
}
