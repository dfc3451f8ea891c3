package com.marquee.booking.integration.payments;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Stripe webhook's {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}):
 * one {@code v1} must be the HMAC-SHA256, keyed with the endpoint's signing secret, of {@code "<t>.<raw body>"},
 * and {@code t} must lie within the tolerance of now, either way (an old signature is a replay; one from far in
 * the future is not Stripe's clock). Several {@code v1} values are normal while a secret is being rolled: Stripe
 * then signs with the old and the new one, and one match is enough. Other schemes ({@code v0}) are ignored.
 * <p>
 * Pure: no CDI, no clock of its own (the caller passes {@code now}), so that it is tested with plain JUnit.
 * The body must be the bytes as received: re-serialised JSON would not match.
 */
public final class StripeWebhookVerifier {

    /** Why a webhook was refused; {@link Verification#detail()} says it in a sentence. */
    public enum Failure {
        /** No signing secret is configured ({@code booking.payments.stripe.webhook-secret}). */
        NO_SECRET,
        MISSING_HEADER,
        /** The header is not a list of {@code key=value} pairs with one numeric {@code t}. */
        MALFORMED_HEADER,
        /** The header carries no {@code v1} signature. */
        NO_SIGNATURE,
        /** {@code t} is further from now than the tolerance. */
        TIMESTAMP_OUT_OF_TOLERANCE,
        /** No {@code v1} matches the body: another secret, or a changed body. */
        SIGNATURE_MISMATCH
    }

    /** Verified (with the signature's time) or refused with a failure and a sentence saying why. */
    public record Verification(Failure failure, String detail, Instant signedAt) {

        public boolean verified() {
            return failure == null;
        }

        static Verification ok(Instant signedAt) {
            return new Verification(null, null, signedAt);
        }

        static Verification refused(Failure failure, String detail) {
            return new Verification(failure, detail, null);
        }
    }

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Duration tolerance;

    /** {@code secret} null or blank: every webhook is refused with {@link Failure#NO_SECRET}. */
    public StripeWebhookVerifier(String secret, Duration tolerance) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    public Verification verify(String signatureHeader, byte[] rawBody, Instant now) {
        if (secret == null) {
            return Verification.refused(Failure.NO_SECRET, "No webhook signing secret is configured");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Verification.refused(Failure.MISSING_HEADER, "The Stripe-Signature header is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String element : signatureHeader.split(",")) {
            int equals = element.indexOf('=');
            if (equals <= 0) {
                return Verification.refused(Failure.MALFORMED_HEADER, "The Stripe-Signature header is malformed");
            }
            String key = element.substring(0, equals).trim();
            String value = element.substring(equals + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null || !value.matches("\\d{1,12}")) {
                    return Verification.refused(Failure.MALFORMED_HEADER,
                            "The Stripe-Signature header has no single numeric timestamp");
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            return Verification.refused(Failure.MALFORMED_HEADER, "The Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            return Verification.refused(Failure.NO_SIGNATURE, "The Stripe-Signature header has no v1 signature");
        }
        byte[] expected = signature(secret, timestamp, rawBody).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signatures) {
            // constant time, and every candidate is compared: timing tells nothing about the expected value
            matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            return Verification.refused(Failure.SIGNATURE_MISMATCH, "No signature matches the body");
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return Verification.refused(Failure.TIMESTAMP_OUT_OF_TOLERANCE, "The signature's timestamp " + signedAt
                    + " is more than " + tolerance.toSeconds() + " s from now");
        }
        return Verification.ok(signedAt);
    }

    /** Lower-case hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    private static String signature(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
