package com.marquee.booking.support;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Tokens like the User Service's, signed here with jose4j: HS256 with the made-up test secret (the same string as
 * {@code %test.booking.auth.jwt-secret} in application.properties; never a real one), claims {@code sub} (the user
 * id as a string), {@code email}, {@code first_name}, {@code last_name}, {@code iat}, {@code exp}. The builder makes
 * the broken ones too: expired, not yet valid, another key, {@code alg: none}, a tampered payload.
 */
public final class Tokens {

    /** Made up for the tests; see application.properties. */
    public static final String TEST_SECRET = "test-only-secret-made-up-for-the-booking-tests-0123456789";

    private Tokens() {
    }

    public static String user(long userId) {
        return forUser(userId).sign();
    }

    /** An operator by the MicroProfile {@code groups} claim. */
    public static String operator() {
        return forUser(900_000_001L).claim("groups", List.of("admin")).sign();
    }

    /** An operator by a {@code role} claim, as a User Service admin token might carry it. */
    public static String operatorByRole() {
        return forUser(900_000_002L).claim("role", "admin").sign();
    }

    public static Builder forUser(long userId) {
        Instant now = Instant.now();
        return new Builder().claim("sub", Long.toString(userId)).claim("email", "user" + userId + "@example.com")
                .claim("first_name", "Test").claim("last_name", "User" + userId)
                .issuedAt(now).expiresAt(now.plusSeconds(3600));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The token with its payload replaced by {@code claims} (the signature kept): a tampered token. */
    public static String tampered(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        JwtClaims forged = new JwtClaims();
        claims.forEach(forged::setClaim);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toJson().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    public static final class Builder {

        private final JwtClaims claims = new JwtClaims();
        private Key key = new SecretKeySpec(TEST_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        private String algorithm = AlgorithmIdentifiers.HMAC_SHA256;

        public Builder claim(String name, Object value) {
            claims.setClaim(name, value);
            return this;
        }

        public Builder without(String name) {
            claims.unsetClaim(name);
            return this;
        }

        public Builder issuedAt(Instant at) {
            claims.setIssuedAt(NumericDate.fromSeconds(at.getEpochSecond()));
            return this;
        }

        public Builder expiresAt(Instant at) {
            claims.setExpirationTime(NumericDate.fromSeconds(at.getEpochSecond()));
            return this;
        }

        public Builder notBefore(Instant at) {
            claims.setNotBefore(NumericDate.fromSeconds(at.getEpochSecond()));
            return this;
        }

        /** HS256 with another secret (the User Service's, say, when ours is wrong). */
        public Builder secret(String secret) {
            this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.algorithm = AlgorithmIdentifiers.HMAC_SHA256;
            return this;
        }

        /** Any jose4j algorithm and key: RS256 with a private key, ES256 with an EC one. */
        public Builder signedWith(String algorithm, Key key) {
            this.algorithm = algorithm;
            this.key = key;
            return this;
        }

        public String sign() {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setHeader("typ", "JWT");
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code alg: none}, no signature: must never be accepted. */
        public String unsigned() {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            jws.setHeader("typ", "JWT");
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
