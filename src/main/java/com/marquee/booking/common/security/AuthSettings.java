package com.marquee.booking.common.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.runtime.Startup;

/**
 * The auth mode in force, read on every request (tests switch it at run time through a mock of this bean, so one
 * application serves all three modes). Checked at start: an unknown mode stops the start, {@code required}
 * without any key to verify tokens with stops it too, and a mode that reads tokens without a key, or a short
 * HS256 secret, is warned about.
 */
@Startup
@ApplicationScoped
public class AuthSettings {

    private static final Logger LOG = Logger.getLogger(AuthSettings.class);

    private final AuthMode mode;
    private final String operatorRole;

    @Inject
    public AuthSettings(BookingConfig config) {
        this.mode = AuthMode.parse(config.auth().mode());
        this.operatorRole = config.auth().operatorRole();
        Optional<String> secret = TokenVerifier.nonBlank(config.auth().jwtSecret());
        boolean publicKey = ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                .or(() -> ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.publickey", String.class))
                .filter(v -> !v.isBlank()).isPresent();
        if (mode == AuthMode.REQUIRED && secret.isEmpty() && !publicKey) {
            throw new IllegalStateException("BOOKING_AUTH_MODE=required needs a key to verify tokens with: set"
                    + " BOOKING_AUTH_JWT_SECRET (HS256) or mp.jwt.verify.publickey.location (RS256/ES256)");
        }
        if (mode == AuthMode.OPTIONAL && secret.isEmpty() && !publicKey) {
            LOG.warn("Auth mode optional without BOOKING_AUTH_JWT_SECRET or mp.jwt.verify.publickey.location:"
                    + " requests without a token are served, every request with one is refused (401)");
        }
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < TokenVerifier.MIN_SECRET_BYTES) {
            LOG.warn("BOOKING_AUTH_JWT_SECRET is shorter than 32 bytes: accepted, but HS256 wants at least 256 bits;"
                    + " rotate the User Service's JWT_SECRET_KEY to a longer one (README: Security)");
        }
    }

    /** For CDI's client proxy of a subclass only. */
    protected AuthSettings() {
        this.mode = AuthMode.OPTIONAL;
        this.operatorRole = "admin";
    }

    public AuthMode mode() {
        return mode;
    }

    public String operatorRole() {
        return operatorRole;
    }
}
