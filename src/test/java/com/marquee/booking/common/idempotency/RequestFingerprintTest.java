package com.marquee.booking.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which retries count as "the same request" for an Idempotency-Key: equal JSON is equal whatever its key order,
 * whitespace or number scale; the method, the path (up to a trailing slash) and every value count.
 */
class RequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** fingerprint() needs only the mapper; the service is for claims, which this test makes none of. */
    private final Idempotency idempotency = new Idempotency(null, JSON);

    @Test
    void keyOrderAndWhitespaceDoNotMatter() {
        assertEquals(post("/api/bookings", "{\"user_id\": 7, \"showtime_id\": 1, \"seats\": [{\"row\": \"A\", \"col\": 1}]}"),
                post("/api/bookings", "{ \"seats\" : [ { \"col\" : 1 , \"row\" : \"A\" } ] ,\n\t\"showtime_id\":1,\"user_id\":7}"));
    }

    @Test
    void numbersCompareByValueNotByScale() {
        assertEquals(post("/api/payments", "{\"amount\": 20.0}"), post("/api/payments", "{\"amount\": 20.00}"));
        assertEquals(post("/api/payments", "{\"amount\": 20}"), post("/api/payments", "{\"amount\": 2.0E1}"));
        assertEquals(post("/api/payments", "{\"amount\": 0}"), post("/api/payments", "{\"amount\": 0.00}"));
        assertNotEquals(post("/api/payments", "{\"amount\": 20.01}"), post("/api/payments", "{\"amount\": 20.1}"));
    }

    @Test
    void aRecordBodyAndTheSameJsonAreTheSameRequest() {
        record Payment(BigDecimal amount, String createdBy) {
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("createdBy", "user:7");
        map.put("amount", new BigDecimal("12.50"));
        assertEquals(idempotency.fingerprint("POST", "/api/payments", new Payment(new BigDecimal("12.5"), "user:7")),
                idempotency.fingerprint("POST", "/api/payments", map));
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertEquals(post("/api/bookings/", "{\"a\": 1}"), post("/api/bookings", "{\"a\": 1}"));
        assertEquals(idempotency.fingerprint("POST", "/api/bookings/5/complete/", null),
                idempotency.fingerprint("POST", "/api/bookings/5/complete", null));
        assertNotEquals(idempotency.fingerprint("POST", "/", null), idempotency.fingerprint("POST", "", null));
    }

    @Test
    void methodPathAndEveryValueCount() {
        String base = post("/api/bookings", "{\"seats\": [1, 2]}");
        assertNotEquals(base, idempotency.fingerprint("PUT", "/api/bookings", tree("{\"seats\": [1, 2]}")));
        assertNotEquals(base, post("/api/bookings/1", "{\"seats\": [1, 2]}"));
        assertNotEquals(base, post("/api/bookings", "{\"seats\": [2, 1]}"), "array order is meaningful");
        assertNotEquals(base, post("/api/bookings", "{\"seats\": [1, 2], \"x\": null}"), "a null member counts");
        assertNotEquals(post("/api/bookings", "{\"row\": \"1\"}"), post("/api/bookings", "{\"row\": 1}"),
                "a string is not the number it spells");
        assertNotEquals(post("/api/bookings", "{\"a\": {\"b\": 1}}"), post("/api/bookings", "{\"a\": [\"b\", 1]}"));
    }

    @Test
    void aFingerprintIsAHexSha256() {
        String fingerprint = idempotency.fingerprint("POST", "/api/bookings", List.of());
        assertEquals(64, fingerprint.length());
        assertTrue(fingerprint.matches("[0-9a-f]{64}"));
    }

    private String post(String path, String body) {
        return idempotency.fingerprint("POST", path, tree(body));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
