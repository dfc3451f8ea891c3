package com.marquee.booking.integration;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link UpstreamResourceTest} against the packaged app: the JVM jar here, the native binary with -Dnative. */
@QuarkusIntegrationTest
class UpstreamResourceIT extends UpstreamResourceTest {
}
