package com.marquee.booking.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.common.security.AuthMode;
import com.marquee.booking.common.security.AuthSettings;

import io.quarkus.test.Mock;

/**
 * The auth mode, switchable while the app runs: one test app serves all three modes (another @TestProfile would be
 * another app start). {@code @QuarkusTest}s only; a test that switches it resets it afterwards ({@link #reset()}),
 * back to the configured mode ({@code optional}). The packaged app the {@code *IT}s launch has no mocks: it runs in
 * the configured mode.
 */
@Mock
@ApplicationScoped
public class TestAuthMode extends AuthSettings {

    private volatile AuthMode override;

    protected TestAuthMode() {
    }

    @Inject
    public TestAuthMode(BookingConfig config) {
        super(config);
    }

    @Override
    public AuthMode mode() {
        AuthMode mode = override;
        return mode != null ? mode : super.mode();
    }

    public void set(AuthMode mode) {
        override = mode;
    }

    public void reset() {
        override = null;
    }
}
