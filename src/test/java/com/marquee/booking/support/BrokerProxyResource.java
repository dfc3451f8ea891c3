package com.marquee.booking.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link BrokerProxy} to the machine's RabbitMQ before the app and points the app's broker at it. */
public class BrokerProxyResource implements QuarkusTestResourceLifecycleManager {

    private BrokerProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new BrokerProxy(EventQueue.BROKER_HOST, EventQueue.BROKER_PORT).start();
        return Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", String.valueOf(proxy.port()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectBrokerProxy.class, BrokerProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
