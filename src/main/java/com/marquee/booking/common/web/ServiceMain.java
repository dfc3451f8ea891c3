package com.marquee.booking.common.web;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with Quarkus' own URI check off ({@value #URI_VALIDATION_OFF}). That check answers a request
 * whose URI {@code java.net.URI} refuses (bad percent-encoding such as {@code %zz}, characters like {@code |})
 * with an empty 400 before any router or resource runs; without it such requests reach the router and the
 * resources, which answer a 400 or 404 problem like every other error (HttpLayerProblems). Quarkus reads the
 * flag once, when its HTTP recorder class loads, so it must be set before Quarkus starts: here for the jar,
 * and in the test JVM's system properties (pom.xml) for {@code @QuarkusTest}.
 */
@QuarkusMain
public final class ServiceMain {

    static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    private ServiceMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(URI_VALIDATION_OFF) == null) {
            System.setProperty(URI_VALIDATION_OFF, "true");
        }
        Quarkus.run(args);
    }
}
