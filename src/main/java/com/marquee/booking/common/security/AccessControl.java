package com.marquee.booking.common.security;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who the caller of the current request is, from its token: the one place a {@link Caller} is made. The token is
 * read only here, and only in the {@code optional} and {@code required} modes (authentication is lazy:
 * {@code quarkus.http.auth.proactive=false}), so with {@code off} even an invalid token is ignored.
 * Feature packages build their rules on it (booking/BookingAccess); a request body never says who the caller is.
 */
@ApplicationScoped
public class AccessControl {

    private final AuthSettings settings;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest requests;
    private final Clock clock;
    private final long skewSeconds;

    public AccessControl(AuthSettings settings, CurrentIdentityAssociation identities, CurrentVertxRequest requests,
            Clock clock, @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this.settings = settings;
        this.identities = identities;
        this.requests = requests;
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    /**
     * The caller: {@link Caller#ANONYMOUS} without a token ({@code off}: always); fails with a 401
     * {@link Unauthenticated} for a missing token in {@code required} mode and for any token that is not valid.
     */
    public Uni<Caller> caller() {
        AuthMode mode = settings.mode();
        if (mode == AuthMode.OFF) {
            return Uni.createFrom().item(Caller.ANONYMOUS);
        }
        String authorization = request().getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return mode == AuthMode.REQUIRED ? Uni.createFrom().failure(Unauthenticated.missing())
                    : Uni.createFrom().item(Caller.ANONYMOUS);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            return Uni.createFrom().failure(Unauthenticated.invalid("The Authorization header is not a Bearer token"));
        }
        return identities.getDeferredIdentity()
                .onFailure().transform(AccessControl::invalidToken)
                .map(this::callerOf);
    }

    /** Only an operator (or, in the {@code off} and {@code optional} modes, a request without a token). */
    public Uni<Caller> operator(String action) {
        return caller().invoke(caller -> {
            if (caller.kind() == Caller.Kind.USER) {
                throw Forbidden.operatorOnly(caller, action);
            }
        });
    }

    /** The client's address (the proxy's, unless quarkus.http.proxy.* trusts its forwarding headers). */
    public String clientAddress() {
        var address = request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    private HttpServerRequest request() {
        return requests.getCurrent().request();
    }

    private Caller callerOf(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw Unauthenticated.invalid("The token could not be read");
        }
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt > clock.instant().getEpochSecond() + skewSeconds) {
            throw Unauthenticated.invalid("The token was issued in the future");
        }
        String role = text(token.getClaim("role"));
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        boolean operator = groups.contains(settings.operatorRole()) || settings.operatorRole().equals(role)
                || identity.getRoles().contains(settings.operatorRole());
        String subject = token.getSubject();
        Long userId = subject != null && subject.matches("[0-9]{1,18}") ? Long.valueOf(subject) : null;
        if (userId == null && !operator) {
            throw Unauthenticated.invalid("The token's subject (sub) is not a user id");
        }
        return new Caller(operator ? Caller.Kind.OPERATOR : Caller.Kind.USER, userId, subject,
                text(token.getClaim("email")), text(token.getClaim("first_name")), text(token.getClaim("last_name")));
    }

    private static Throwable invalidToken(Throwable failure) {
        if (failure instanceof Unauthenticated unauthenticated) {
            return unauthenticated;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return Unauthenticated.invalid("The token has expired");
            }
        }
        return Unauthenticated.invalid("The token is not valid (signature, algorithm, or validity period)");
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof JsonString json ? json.getString() : claim.toString();
    }
}
