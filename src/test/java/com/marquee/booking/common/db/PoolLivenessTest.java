package com.marquee.booking.common.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import com.marquee.booking.support.Management;
import org.junit.jupiter.api.Test;

import com.marquee.booking.support.Metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Liveness tells the truth about the pool: with every pooled connection taken for longer than
 * {@code booking.health.pool-stuck-after} (2 s in the test profile) while PostgreSQL answers, /q/health/live and
 * /health go DOWN; once connections come back, UP again.
 */
@QuarkusTest
class PoolLivenessTest {

    @Inject
    Pool pool;

    @Inject
    @Liveness
    PoolLivenessCheck check;

    @Test
    void aStuckPoolTakesLivenessDownUntilItServesAgain() throws Exception {
        Management.given().get("/q/health/live").then().statusCode(200);
        List<SqlConnection> taken = new ArrayList<>();
        try {
            int size = (int) (Metrics.value("sql_pool_idle") + Metrics.value("sql_pool_active"));
            for (int i = 0; i < size; i++) {
                taken.add(pool.getConnection().await().atMost(Duration.ofSeconds(5)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                status = Management.given().get("/q/health/live").statusCode();
            }
            assertEquals(503, status, "liveness never went DOWN");
            Management.given().get("/q/health/live").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.name", hasItem(PoolLivenessCheck.NAME))
                    .body("checks.find { it.name == '" + PoolLivenessCheck.NAME + "' }.data.database", equalTo("answers"));
            given().get("/health").then().statusCode(503).body("status", equalTo("unhealthy"));
        } finally {
            for (SqlConnection connection : taken) {
                connection.closeAndAwait();
            }
        }
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/health").then().statusCode(200).body("status", equalTo("healthy"));
    }

    @Test
    void anUnreachableDatabaseKeepsLivenessUp() {
        // a restart cannot bring PostgreSQL back: that is readiness' business
        assertEquals(HealthCheckResponse.Status.UP, check.verdict(Duration.ofMinutes(5), false).getStatus());
        assertEquals(HealthCheckResponse.Status.DOWN, check.verdict(Duration.ofMinutes(5), true).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, check.verdict(Duration.ofSeconds(1), null).getStatus());
        assertTrue(check.verdict(Duration.ZERO, null).getData().orElseThrow().containsValue("serves connections"));
    }
}
