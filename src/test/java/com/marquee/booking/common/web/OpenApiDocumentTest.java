package com.marquee.booking.common.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.marquee.booking.common.problem.Problem;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document is complete enough for a client generator (the build also generates and compiles a Java
 * client from it, see the openapi-client profile in pom.xml): every operation has an id, a typed success response
 * with an example, the problem responses API.md gives it as application/problem+json, and the schemas say what
 * the JSON really is (snake_case names, seats as letter-or-number rows, the Problem members).
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** The problem responses of each operation, as API.md and the code give them. */
    private static final Map<String, Set<String>> PROBLEMS = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/bookings", Set.of("400", "404", "409", "413", "415", "422", "503")),
            Map.entry("GET /api/bookings/{id}", Set.of("404", "503")),
            Map.entry("GET /api/bookings/user/{userId}", Set.of("400", "503")),
            Map.entry("GET /api/bookings/showtime/{showtimeId}/seats", Set.of("503")),
            Map.entry("POST /api/bookings/{id}/complete", Set.of("400", "402", "404", "409", "422", "503")),
            Map.entry("POST /api/bookings/{id}/confirm", Set.of("400", "404", "409", "413", "415", "503")),
            Map.entry("POST /api/bookings/{id}/cancel", Set.of("404", "409", "503")),
            Map.entry("POST /api/showtimes/booking/{bookingId}/extend-hold", Set.of("400", "404", "409", "413", "503")),
            Map.entry("POST /api/payments", Set.of("400", "404", "409", "413", "415", "422", "503")),
            Map.entry("GET /api/payments/{id}", Set.of("404", "503")),
            Map.entry("POST /api/payments/{id}/process", Set.of("402", "404", "409", "503")),
            Map.entry("POST /api/payments/{id}/fail", Set.of("404", "409", "503")),
            Map.entry("POST /api/payments/{id}/refund", Set.of("404", "409", "503")),
            Map.entry("GET /api/showtimes/{id}", Set.of("404", "503")),
            Map.entry("PUT /api/showtimes/{id}", Set.of("400", "409", "413", "415", "503")),
            Map.entry("GET /api/showtimes/{id}/seats", Set.of("404", "503")),
            Map.entry("GET /api/showtimes/{id}/seat-map", Set.of("400", "404", "503")),
            Map.entry("POST /api/showtimes/{id}/check-availability", Set.of("400", "404", "413", "415", "503")),
            Map.entry("GET /", Set.of()),
            Map.entry("GET /api/showtimes/{id}/seats/stream", Set.of("404", "503")),
            Map.entry("POST /api/payments/webhooks/stripe", Set.of("400", "409", "413", "503")),
            Map.entry("GET /health", Set.of())));

    /** Where the provider may not have answered yet: 202 with the same body as the 200. */
    private static final Set<String> MAY_BE_PENDING = Set.of("POST /api/bookings/{id}/complete",
            "POST /api/payments/{id}/process", "POST /api/payments/{id}/refund");

    @Inject
    ObjectMapper json;

    JsonNode document;

    @BeforeEach
    void fetchTheDocument() throws JsonProcessingException {
        document = json.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void everyOperationListsExactlyItsProblemResponses() {
        Map<String, Set<String>> documented = new TreeMap<>();
        forEachOperation((name, operation) -> {
            Set<String> problems = new TreeSet<>();
            operation.get("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    problems.add(status);
                }
            });
            documented.put(name, problems);
        });
        PROBLEMS.forEach((name, expected) -> assertEquals(new TreeSet<>(expected), documented.get(name),
                name + ": problem responses"));
        MAY_BE_PENDING.forEach(name -> assertTrue(operation(name).get("responses").has("202"), name + ": 202"));
    }

    @Test
    void everyProblemResponseIsAProblemJsonWithAnExample() {
        forEachOperation((name, operation) -> operation.get("responses").fields().forEachRemaining(response -> {
            String status = response.getKey();
            if (!status.startsWith("4") && !status.startsWith("5")) {
                return;
            }
            JsonNode content = response.getValue().path("content");
            if (status.equals("413")) {
                // refused by the HTTP server before the request is read: no body (see OpenApiProblems)
                assertTrue(content.isMissingNode(), name + " 413 has no body: " + content);
                return;
            }
            assertEquals(List.of(Problem.MEDIA_TYPE), names(content), name + " " + status + ": media types");
            JsonNode media = content.get(Problem.MEDIA_TYPE);
            assertEquals("#/components/schemas/Problem", media.path("schema").path("$ref").asText(),
                    name + " " + status);
            assertFalse(response.getValue().path("description").asText().isBlank(), name + " " + status);
            JsonNode example = media.path("examples").elements().next().path("value");
            assertEquals(Integer.parseInt(status), example.path("status").asInt(), name + " " + status + ": example");
        }));
    }

    @Test
    void everyApiOperationMayAnswer503AndEveryBodyMayBeInvalidOrTooLarge() {
        forEachOperation((name, operation) -> {
            if (!name.contains(" /api/")) {
                return;
            }
            assertTrue(operation.get("responses").has("503"), name + ": 503");
            if (operation.has("requestBody")) {
                assertTrue(operation.get("responses").has("400"), name + ": 400");
                assertTrue(operation.get("responses").has("413"), name + ": 413");
            }
        });
    }

    @Test
    void everyOperationHasAnIdATypedSuccessAndExamples() {
        Set<String> ids = new TreeSet<>();
        forEachOperation((name, operation) -> {
            String id = operation.path("operationId").asText();
            assertFalse(id.isBlank(), name + ": operationId");
            assertTrue(ids.add(id), name + ": operationId " + id + " is used twice");
            List<String> successes = new ArrayList<>();
            operation.get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    successes.add(response.getKey());
                    if (response.getKey().equals("204")) {
                        return;
                    }
                    assertTypedWithExamples(response.getValue().path("content"), name + " " + response.getKey());
                }
            });
            assertFalse(successes.isEmpty(), name + ": a success response");
            if (operation.has("requestBody")) {
                assertTypedWithExamples(operation.path("requestBody").path("content"), name + " request");
            }
        });
    }

    @Test
    void seatsAreLetterOrNumberRowsAndPositiveColumns() {
        JsonNode seats = schema("CreateBookingRequest").path("properties").path("seats");
        assertEquals("array", seats.path("type").asText());
        assertEquals("#/components/schemas/SeatInput", seats.path("items").path("$ref").asText());
        JsonNode seat = schema("SeatInput");
        assertEquals(Set.of("row", "col"), Set.copyOf(names(seat.path("required"))));
        assertEquals(1, seat.path("properties").path("col").path("minimum").asInt());
        assertEquals("integer", seat.path("properties").path("col").path("type").asText());

        JsonNode row = resolve(seat.path("properties").path("row"));
        assertFalse(row.has("type"), "a row is not an object: " + row);
        List<JsonNode> alternatives = new ArrayList<>();
        row.path("oneOf").forEach(alternative -> alternatives.add(resolve(alternative)));
        assertEquals(2, alternatives.size(), row.toString());
        assertEquals("string", alternatives.get(0).path("type").asText());
        assertEquals("^[A-Za-z]$", alternatives.get(0).path("pattern").asText());
        assertEquals("integer", alternatives.get(1).path("type").asText());
        assertEquals(1, alternatives.get(1).path("minimum").asInt());
        // the same notation where seats come back
        for (String answer : List.of("SeatView", "SeatRef")) {
            assertEquals("#/components/schemas/SeatRow",
                    schema(answer).path("properties").path("row").path("$ref").asText(),
                    answer + ".row");
        }
        assertEquals("#/components/schemas/SeatInput",
                schema("AvailabilityRequest").path("properties").path("seats").path("items").path("$ref").asText());
    }

    @Test
    void theProblemSchemaHasTheMembersTheServiceSends() throws JsonProcessingException {
        Problem everyMember = new Problem("/problems/x", "X", 409, "Detail", "/api", "x",
                List.of(new Problem.FieldError("f", "m")), List.of(Map.of("row", "A", "col", 1)));
        Set<String> sent = new TreeSet<>(names(json.readTree(json.writeValueAsString(everyMember))));
        JsonNode problem = schema("Problem");

        assertEquals(sent, new TreeSet<>(names(problem.path("properties"))));
        assertTrue(names(problem.path("required")).containsAll(List.of("type", "title", "status", "detail", "error")));
        assertEquals("#/components/schemas/FieldError", problem.path("properties").path("errors").path("items")
                .path("$ref").asText());
        assertEquals("#/components/schemas/SeatRef", problem.path("properties").path("seats").path("items")
                .path("$ref").asText());
        assertEquals(Set.of("field", "message"), Set.copyOf(names(schema("FieldError").path("properties"))));
    }

    @Test
    void schemaPropertiesAreSnakeCaseLikeTheJson() {
        document.path("components").path("schemas").fields().forEachRemaining(schema -> schema.getValue()
                .path("properties").fieldNames().forEachRemaining(property -> assertTrue(
                        property.matches("[a-z][a-z0-9_]*"), schema.getKey() + "." + property + " is not snake_case")));
        assertTrue(schema("BookingView").path("properties").has("hold_expiry_time"));
        assertTrue(schema("BookingCreated").path("properties").has("poll_url"));
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        collectRefs(document, dangling);
        assertEquals(List.of(), dangling, "references to nothing");
    }

    private void collectRefs(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && pointer(ref.asText()).isMissingNode()) {
                dangling.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, dangling));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, dangling));
        }
    }

    /** Every media type has a schema; JSON ones an example too (an event stream has no single example). */
    private void assertTypedWithExamples(JsonNode content, String where) {
        assertFalse(names(content).isEmpty(), where + ": content");
        content.fields().forEachRemaining(media -> {
            assertTrue(media.getValue().has("schema"), where + " " + media.getKey() + ": schema");
            if (media.getKey().contains("json")) {
                assertExample(media.getValue(), where + " " + media.getKey());
            }
        });
    }

    private void assertExample(JsonNode media, String where) {
        JsonNode examples = media.path("examples");
        if (media.has("example")) {
            return;
        }
        assertTrue(examples.size() > 0, where + ": an example");
        examples.elements().forEachRemaining(example -> {
            JsonNode resolved = example.has("$ref") ? pointer(example.get("$ref").asText()) : example;
            assertTrue(resolved.has("value"), where + ": example " + example + " has a value");
        });
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                check.accept(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
    }

    private JsonNode operation(String name) {
        String[] methodAndPath = name.split(" ", 2);
        JsonNode operation = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
        if (operation.isMissingNode()) {
            fail("no operation " + name);
        }
        return operation;
    }

    private JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertNotNull(schema.isMissingNode() ? null : schema, "schema " + name);
        return schema;
    }

    private JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? resolve(pointer(schema.get("$ref").asText())) : schema;
    }

    private JsonNode pointer(String ref) {
        return ref.startsWith("#") ? document.at(ref.substring(1)) : MissingNode.getInstance();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> names.add(item.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
