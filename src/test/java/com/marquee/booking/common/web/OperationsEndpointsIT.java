package com.marquee.booking.common.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsEndpointsTest} against the packaged app: the JVM jar here, the native binary with -Dnative. */
@QuarkusIntegrationTest
class OperationsEndpointsIT extends OperationsEndpointsTest {
}
