package com.marquee.booking.common.web;

import com.marquee.booking.support.ErrorLog;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class HttpLayerProblemsIT extends HttpLayerProblemsTest {

    @Override
    protected ErrorLog errorLog() {
        return null;
    }
}
