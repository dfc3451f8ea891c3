package com.marquee.booking.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the {@link UpstreamStub} before the app and points all three REST clients at it. */
public class UpstreamStubResource implements QuarkusTestResourceLifecycleManager {

    private UpstreamStub stub;

    @Override
    public Map<String, String> start() {
        stub = new UpstreamStub().start();
        return Map.of(
                "quarkus.rest-client.theatre-service.url", stub.url(),
                "quarkus.rest-client.movie-service.url", stub.url(),
                "quarkus.rest-client.user-service.url", stub.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub,
                new TestInjector.AnnotatedAndMatchesType(InjectUpstreamStub.class, UpstreamStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
