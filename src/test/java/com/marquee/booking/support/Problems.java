package com.marquee.booking.support;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Asserts an RFC 9457 answer: status, media type, {@code type} ending in the slug, snake_case {@code error}. */
public final class Problems {

    private Problems() {
    }

    public static ValidatableResponse assertProblem(Response response, int status, String slug) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", endsWith("/" + slug))
                .body("error", equalTo(slug.replace('-', '_')))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()));
    }
}
