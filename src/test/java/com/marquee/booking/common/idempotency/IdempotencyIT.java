package com.marquee.booking.common.idempotency;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class IdempotencyIT extends IdempotencyTest {
}
