package com.marquee.booking.common.idempotency;

import static com.marquee.booking.support.Fixtures.holdOk;
import static com.marquee.booking.support.Fixtures.newShowtime;
import static com.marquee.booking.support.Fixtures.nextId;
import static com.marquee.booking.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.marquee.booking.scheduler.IdempotencyCleanupJob;
import com.marquee.booking.support.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What the key table holds, and how in-flight, abandoned and expired keys behave. */
@QuarkusTest
class IdempotencyStateTest {

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyCleanupJob cleanup;

    TestDb db;

    @BeforeEach
    void setUp() {
        db = new TestDb(dataSource);
    }

    @Test
    void theAnswerIsKeptWithAFingerprintFor24Hours() {
        String key = UUID.randomUUID().toString();
        long bookingId = holdOk(newShowtime(), nextId(), "A", 1);
        complete(bookingId, key).then().statusCode(200);

        Object[] row = db.rows("SELECT scope, state, response_status, length(fingerprint),"
                + " extract(epoch FROM expires_at - created_at) FROM idempotency_keys WHERE idempotency_key = ?",
                key).get(0);
        assertEquals("complete-booking", row[0]);
        assertEquals("done", row[1]);
        assertEquals(200, ((Number) row[2]).intValue());
        assertEquals(64, ((Number) row[3]).intValue());
        assertEquals(24 * 3600, ((Number) row[4]).intValue());
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightIs409() {
        String key = UUID.randomUUID().toString();
        long bookingId = holdOk(newShowtime(), nextId(), "A", 1);
        complete(bookingId, key).then().statusCode(200);
        // as if the first request were still running
        db.update("UPDATE idempotency_keys SET state = 'in_flight', updated_at = now() WHERE idempotency_key = ?",
                key);

        assertProblem(complete(bookingId, key), 409, "idempotency-request-in-progress");
        assertEquals(1, payments(bookingId));
        assertEquals("in_flight", db.single("SELECT state FROM idempotency_keys WHERE idempotency_key = ?", key));
    }

    @Test
    void anAbandonedClaimIsTakenOverAndTheRetryGetsTheSuccessItEarnedWithoutASecondCharge() {
        String key = UUID.randomUUID().toString();
        long bookingId = holdOk(newShowtime(), nextId(), "A", 1);
        long paymentId = complete(bookingId, key).then().statusCode(200).extract().jsonPath()
                .getLong("payment.payment_id");
        // as if the first request's instance had died before its answer was kept (today the answer commits
        // with the charge's outcome, so only a lost write could do this)
        db.update("UPDATE idempotency_keys SET state = 'in_flight', response_status = NULL, response_body = NULL,"
                + " updated_at = now() - interval '2 minutes' WHERE idempotency_key = ?", key);

        complete(bookingId, key).then().statusCode(200).body("booking.status", equalTo("confirmed"))
                .body("payment.payment_id", equalTo((int) paymentId));
        assertEquals(1, payments(bookingId));
        assertEquals(200, ((Number) db.single("SELECT response_status FROM idempotency_keys"
                + " WHERE idempotency_key = ?", key)).intValue());
    }

    @Test
    void anExpiredKeyIsANewKeyAndTheCleanupDeletesIt() throws Throwable {
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        createPayment(expired, "{\"amount\": 4}").then().statusCode(201);
        createPayment(live, "{\"amount\": 4}").then().statusCode(201);
        db.update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?",
                expired);

        // once expired, the key no longer binds the first body
        createPayment(expired, "{\"amount\": 5}").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("payment.amount", equalTo(5.0f));

        db.update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?",
                expired);
        int deleted = VertxContextSupport.subscribeAndAwait(() -> cleanup.purge());
        assertEquals(1, deleted);
        assertEquals(0, db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", expired));
        assertEquals(1, db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", live));
    }

    @Test
    void aRejectedRequestLeavesNoKeyBehind() {
        String key = UUID.randomUUID().toString();
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"user_id\": 1, \"showtime_id\": 1, \"seats\": [{\"row\": 0, \"col\": 1}]}")
                .post("/api/bookings/").then().statusCode(400);
        assertEquals(0, db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", key));
    }

    private long payments(long bookingId) {
        return db.count("SELECT count(*) FROM payments WHERE booking_id = ?", bookingId);
    }

    private static Response complete(long bookingId, String key) {
        return given().header("Idempotency-Key", key).post("/api/bookings/{id}/complete", bookingId);
    }

    private static Response createPayment(String key, String body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/payments/");
    }
}
