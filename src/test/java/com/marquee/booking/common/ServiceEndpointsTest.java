package com.marquee.booking.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.marquee.booking.support.Management;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void healthAnswersLikeTheSeed() {
        given().get("/health").then().statusCode(200).contentType(ContentType.JSON)
                .body("status", equalTo("healthy"))
                .body("service", equalTo("booking-service"));
    }

    @Test
    void readinessChecksTheDatabase() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void rootLinksToTheDocs() {
        given().get("/").then().statusCode(200).contentType(ContentType.JSON)
                .body("service", equalTo("booking-service"))
                .body("links.docs", equalTo("/docs"))
                .body("links.openapi", equalTo("/q/openapi"))
                .body("links.swagger_ui", equalTo("/q/swagger-ui"));
        given().redirects().follow(false).get("/docs").then().statusCode(303)
                .header("Location", containsString("/q/swagger-ui"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/bookings"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/bookings/{id}/cancel"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/showtimes/{id}/seat-map"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/showtimes/booking/{bookingId}/extend-hold"));
    }

    @Test
    void corsPreflightFromAnotherOriginIsAllowed() {
        given().header("Origin", "http://theatre-ui.localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .options("/api/bookings/")
                .then().statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(200))
                        .and(org.hamcrest.Matchers.lessThan(300)))
                .header("Access-Control-Allow-Origin", equalTo("http://theatre-ui.localhost:3000"))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", notNullValue());
        given().header("Origin", "http://theatre-ui.localhost:3000").get("/health").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://theatre-ui.localhost:3000"));
    }
}
