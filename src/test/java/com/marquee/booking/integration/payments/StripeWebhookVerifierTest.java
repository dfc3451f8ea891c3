package com.marquee.booking.integration.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marquee.booking.integration.payments.StripeWebhookVerifier.Failure;
import com.marquee.booking.integration.payments.StripeWebhookVerifier.Verification;
import com.marquee.booking.support.StripeStub;

/** Stripe-Signature checks, plain JUnit: the stub signs independently of the verifier. */
class StripeWebhookVerifierTest {

    private static final String SECRET = "whsec_test_vector";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final long T = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(T + 30);
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";

    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(SECRET, TOLERANCE);

    @Test
    void signatureComputedElsewhereIsAccepted() {
        // openssl dgst -sha256 -hmac whsec_test_vector over "1700000000.<body>"
        String header = "t=" + T + ",v1=ee2ec6c67df2823d0ae6a9edf72f251a905529943cf596c1870599023528672f";

        Verification verification = verifier.verify(header, bytes(BODY), NOW);

        assertTrue(verification.verified(), verification.detail());
        assertEquals(Instant.ofEpochSecond(T), verification.signedAt());
    }

    @Test
    void stubSignatureIsAccepted() {
        assertTrue(verifier.verify(StripeStub.sign(BODY, SECRET, T).signature(), bytes(BODY), NOW).verified());
    }

    @Test
    void signatureWithAnotherSecretIsAMismatch() {
        String header = StripeStub.sign(BODY, "whsec_someone_else", T).signature();

        assertRefused(Failure.SIGNATURE_MISMATCH, verifier.verify(header, bytes(BODY), NOW));
    }

    @Test
    void tamperedBodyIsAMismatch() {
        String header = StripeStub.sign(BODY, SECRET, T).signature();

        assertRefused(Failure.SIGNATURE_MISMATCH,
                verifier.verify(header, bytes(BODY.replace("succeeded", "canceled")), NOW));
        assertRefused(Failure.SIGNATURE_MISMATCH, verifier.verify(header, bytes(BODY + " "), NOW));
    }

    @Test
    void changedTimestampIsAMismatch() {
        String header = StripeStub.sign(BODY, SECRET, T).signature().replace("t=" + T, "t=" + (T + 1));

        assertRefused(Failure.SIGNATURE_MISMATCH, verifier.verify(header, bytes(BODY), NOW));
    }

    @Test
    void oldSignatureIsOutsideTheTolerance() {
        String header = StripeStub.sign(BODY, SECRET, T).signature();

        assertTrue(verifier.verify(header, bytes(BODY), Instant.ofEpochSecond(T).plus(TOLERANCE)).verified());
        assertRefused(Failure.TIMESTAMP_OUT_OF_TOLERANCE,
                verifier.verify(header, bytes(BODY), Instant.ofEpochSecond(T).plus(TOLERANCE).plusSeconds(1)));
    }

    @Test
    void signatureFromTheFutureBeyondTheToleranceIsRefused() {
        String header = StripeStub.sign(BODY, SECRET, T).signature();

        assertTrue(verifier.verify(header, bytes(BODY), Instant.ofEpochSecond(T).minus(TOLERANCE)).verified());
        assertRefused(Failure.TIMESTAMP_OUT_OF_TOLERANCE,
                verifier.verify(header, bytes(BODY), Instant.ofEpochSecond(T).minus(TOLERANCE).minusSeconds(1)));
    }

    @Test
    void anyOfSeveralSignaturesMayMatchWhileASecretIsRolled() {
        String good = StripeStub.hmac(SECRET, T + "." + BODY);
        String other = StripeStub.hmac("whsec_old_secret", T + "." + BODY);

        assertTrue(verifier.verify("t=" + T + ",v1=" + other + ",v1=" + good, bytes(BODY), NOW).verified());
        assertTrue(verifier.verify("t=" + T + ",v1=" + good + ",v1=" + other, bytes(BODY), NOW).verified());
        assertTrue(verifier.verify("t=" + T + ",v0=abc,v1=" + good, bytes(BODY), NOW).verified());
        assertRefused(Failure.SIGNATURE_MISMATCH, verifier.verify("t=" + T + ",v1=" + other + ",v1=" + other,
                bytes(BODY), NOW));
    }

    @Test
    void onlyV1SignaturesCount() {
        String good = StripeStub.hmac(SECRET, T + "." + BODY);

        assertRefused(Failure.NO_SIGNATURE, verifier.verify("t=" + T + ",v0=" + good, bytes(BODY), NOW));
        assertRefused(Failure.NO_SIGNATURE, verifier.verify("t=" + T, bytes(BODY), NOW));
    }

    @Test
    void missingHeaderIsRefused() {
        assertRefused(Failure.MISSING_HEADER, verifier.verify(null, bytes(BODY), NOW));
        assertRefused(Failure.MISSING_HEADER, verifier.verify("  ", bytes(BODY), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "v1=abc", "t=,v1=abc", "t=12x,v1=abc", "t=1,t=2,v1=abc", ",,,",
            "t=-5,v1=abc", "t=99999999999999999999,v1=abc", "=abc,t=1" })
    void garbledHeaderIsMalformed(String header) {
        assertRefused(Failure.MALFORMED_HEADER, verifier.verify(header, bytes(BODY), NOW));
    }

    @Test
    void withoutASecretEverythingIsRefused() {
        String header = StripeStub.sign(BODY, SECRET, T).signature();

        assertRefused(Failure.NO_SECRET, new StripeWebhookVerifier(null, TOLERANCE).verify(header, bytes(BODY), NOW));
        assertRefused(Failure.NO_SECRET, new StripeWebhookVerifier(" ", TOLERANCE).verify(header, bytes(BODY), NOW));
    }

    private static void assertRefused(Failure expected, Verification verification) {
        assertFalse(verification.verified());
        assertEquals(expected, verification.failure(), verification.detail());
        assertFalse(verification.detail().isBlank());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
