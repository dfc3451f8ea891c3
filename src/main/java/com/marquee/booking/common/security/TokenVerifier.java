package com.marquee.booking.common.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import com.marquee.booking.common.config.BookingConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The token parser Quarkus' JWT mechanism uses, with our keys: smallrye-jwt does every check (signature,
 * algorithm, {@code exp}/{@code nbf} with {@code mp.jwt.verify.clock.skew}, {@code iat} present); this class only
 * chooses the keys.
 * <ul>
 * <li>{@code booking.auth.jwt-secret} set: HS256 only, keyed with the raw secret's UTF-8 bytes (what PyJWT signs
 * with). During a rotation {@code booking.auth.jwt-previous-secret} is tried when the current secret's signature
 * does not match, so tokens signed with either are accepted.</li>
 * <li>No secret: smallrye-jwt's own configuration, {@code mp.jwt.verify.publickey.location} /
 * {@code mp.jwt.verify.publickey} (PEM or JWK/JWKS) with {@code mp.jwt.verify.publickey.algorithm} (RS256 by
 * default, ES256 for EC keys).</li>
 * </ul>
 * Nothing configured: every token is refused (there is nothing to verify it with).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TokenVerifier implements JWTParser {

    /** jose4j's minimum for HS256; PyJWT warns below it too. */
    static final int MIN_SECRET_BYTES = 32;

    private final List<DefaultJWTParser> parsers = new ArrayList<>();

    public TokenVerifier(JWTAuthContextInfo configured, BookingConfig config) {
        Optional<String> secret = nonBlank(config.auth().jwtSecret());
        if (secret.isEmpty()) {
            parsers.add(new DefaultJWTParser(configured));
            return;
        }
        parsers.add(new DefaultJWTParser(hs256(configured, secret.get())));
        nonBlank(config.auth().jwtPreviousSecret())
                .ifPresent(previous -> parsers.add(new DefaultJWTParser(hs256(configured, previous))));
    }

    static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    private static JWTAuthContextInfo hs256(JWTAuthContextInfo configured, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
        // the User Service's tokens carry no iss and no aud: nothing to check there (smallrye-jwt's dev and test
        // modes would otherwise expect the issuer of the key pair they generate for themselves)
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, null);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        info.setClockSkew(configured.getClockSkew());
        // a secret shorter than HS256's 256 bits is weak (AuthSettings warns at start) but is what the User
        // Service signs with: accept it rather than refuse every token
        info.setRelaxVerificationKeyValidation(bytes.length < MIN_SECRET_BYTES);
        return info;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        ParseException first = null;
        for (DefaultJWTParser parser : parsers) {
            try {
                return parser.parse(token);
            } catch (ParseException e) {
                if (first == null) {
                    first = e;
                }
                if (!signatureMismatch(e)) {
                    throw e; // the key fitted: expired, not yet valid, malformed... another key will not help
                }
            }
        }
        throw first;
    }

    private static boolean signatureMismatch(ParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                return invalid.getErrorDetails().stream().anyMatch(detail -> detail.getErrorCode()
                        == org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID);
            }
        }
        return false;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parsers.get(0).parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, java.security.PublicKey key) throws ParseException {
        return parsers.get(0).verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parsers.get(0).verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parsers.get(0).verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return parsers.get(0).decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parsers.get(0).decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parsers.get(0).decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parsers.get(0).parseOnly(token);
    }
}
