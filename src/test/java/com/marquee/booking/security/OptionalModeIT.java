package com.marquee.booking.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OptionalModeTest} against the packaged app, which runs in the default mode. */
@QuarkusIntegrationTest
class OptionalModeIT extends OptionalModeTest {
}
