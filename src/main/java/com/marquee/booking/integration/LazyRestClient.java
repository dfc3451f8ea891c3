package com.marquee.booking.integration;

import jakarta.enterprise.inject.Instance;

/**
 * A REST client built on first use: building one needs its URL, which is absent when the upstream is
 * not configured (and then the client is never used).
 */
public final class LazyRestClient<T> {

    private final Instance<T> instance;
    private volatile T client;

    public LazyRestClient(Instance<T> instance) {
        this.instance = instance;
    }

    public T get() {
        T built = client;
        if (built == null) {
            built = instance.get();
            client = built;
        }
        return built;
    }
}
