package com.marquee.booking.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Starts the {@link StripeStub} for every Quarkus test (global: declared once, here) and points the Stripe
 * configuration at it: URL, a made-up {@code sk_test_} key, a made-up {@code whsec_test_} webhook secret. It does
 * not select Stripe: the default test app keeps {@code booking.payments.provider=simulated}, and a test profile
 * that wants Stripe as the active provider only adds {@code booking.payments.provider=stripe}. Global rather
 * than in a profile because every app then has the same Stripe settings: tests that call
 * {@code StripePaymentProvider} or post signed webhooks need no profile of their own, and so no extra restart.
 */
@WithTestResource(value = StripeStubResource.class, scope = TestResourceScope.GLOBAL)
public class StripeStubResource implements QuarkusTestResourceLifecycleManager {

    private StripeStub stub;

    @Override
    public Map<String, String> start() {
        stub = new StripeStub().start();
        return Map.of(
                "booking.payments.stripe.url", stub.url(),
                "booking.payments.stripe.api-key", stub.apiKey(),
                "booking.payments.stripe.webhook-secret", stub.webhookSecret());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub,
                new TestInjector.AnnotatedAndMatchesType(InjectStripeStub.class, StripeStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
