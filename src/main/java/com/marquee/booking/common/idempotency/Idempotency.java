package com.marquee.booking.common.idempotency;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem;
import com.marquee.booking.common.problem.ProblemException;
import com.marquee.booking.common.web.PublicLocation;

import io.smallrye.mutiny.Uni;

/**
 * Makes a POST safe to retry. With an {@code Idempotency-Key} the first request claims the key, does the
 * work and keeps its answer (success or a 4xx problem) for {@code booking.idempotency.ttl}; a retry with
 * the same key and request gets that answer again, byte for byte, without the work being redone (so a
 * retried checkout never charges twice). The same key with another request is 422, a duplicate while the
 * first still runs 409. Requests rejected before the work starts (invalid input) claim nothing.
 * <p>
 * The work gets the {@link IdempotencyClaim} and records its answer in the transaction of the change it
 * describes. A 202 (accepted, settled later) leaves the claim in flight for the settlement to answer; a 5xx
 * frees the key for a retry unless the work already committed something that refers to it.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Set on replayed answers, so a client (or a test) can tell a replay from fresh work. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyService service;
    private final ObjectMapper json;

    public Idempotency(IdempotencyService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    /**
     * Runs {@code work} once per key: {@code scope} names the endpoint, {@code method}/{@code path}/{@code body}
     * the request (a body that differs only in key order or whitespace is the same request). Without a key it
     * just runs the work.
     */
    public Uni<Response> run(String key, String scope, String method, String path, Object body,
            Function<IdempotencyClaim, Uni<Response>> work) {
        if (key == null) {
            return work.apply(null);
        }
        IdempotentCall call = new IdempotentCall(scope, checkKey(key), fingerprint(method, path, body), path);
        return service.claim(call).chain(attempt -> {
            if (attempt.claim() != null) {
                return runClaimed(attempt.claim(), work);
            }
            IdempotencyRecord earlier = attempt.earlier();
            if (!earlier.fingerprint.equals(call.fingerprint())) {
                throw IdempotencyConflict.reused(call.key());
            }
            if (!earlier.isDone()) {
                throw IdempotencyConflict.inFlight(call.key());
            }
            return Uni.createFrom().item(StoredResponse.of(earlier).toResponse(true));
        });
    }

    private Uni<Response> runClaimed(IdempotencyClaim claim, Function<IdempotencyClaim, Uni<Response>> work) {
        IdempotentCall call = claim.call();
        return Uni.createFrom().<Response> deferred(() -> work.apply(claim)).onItemOrFailure()
                .transformToUni((response, failure) -> {
                    if (claim.recorded() != null) {
                        // recorded with the change: answer exactly what a retry will get
                        return Uni.createFrom().item(claim.recorded().toResponse(false));
                    }
                    if (failure == null && (claim.linked()
                            || response.getStatus() == Response.Status.ACCEPTED.getStatusCode())) {
                        // a settlement records (or recorded) the answer, rendered by the same code as this one
                        return Uni.createFrom().item(response);
                    }
                    StoredResponse answer;
                    if (failure == null) {
                        answer = stored(response);
                    } else if (failure instanceof ProblemException problem && problem.status() < 500) {
                        answer = stored(problem.toProblem(call.path()));
                    } else if (claim.linked()) {
                        return Uni.createFrom().failure(failure); // the settlement records the final answer
                    } else {
                        return service.release(call)
                                .onFailure().invoke(e -> LOG.warnf("Could not free Idempotency-Key %s after a failure: %s",
                                        call.key(), e.toString()))
                                .onFailure().recoverWithNull()
                                .chain(() -> Uni.createFrom().failure(failure));
                    }
                    // nothing was changed (a refusal) or the work recorded nothing itself: keep the answer now;
                    // if that fails the client still gets it, and the claim lapses after the in-flight timeout
                    return service.recordAnswer(claim, answer)
                            .onFailure().invoke(e -> LOG.warnf("Could not keep the answer for Idempotency-Key %s: %s",
                                    call.key(), e.toString()))
                            .onFailure().recoverWithNull()
                            .map(ignored -> answer.toResponse(false));
                });
    }

    /** The stored form of a response a work built, for {@link IdempotencyClaim#record}. */
    public StoredResponse answerOf(Response response) {
        return stored(response);
    }

    private StoredResponse stored(Response response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        Object type = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        Object entity = response.getEntity();
        // the location is kept as a path: a replay must not repeat a Host header; an answer rendered ahead (a
        // StoredResponse turned into a Response) is kept as it is
        return new StoredResponse(response.getStatus(), type == null ? MediaType.APPLICATION_JSON : type.toString(),
                location == null ? null : PublicLocation.pathOf(URI.create(location.toString())),
                entity instanceof String text ? text : write(entity));
    }

    private StoredResponse stored(Problem problem) {
        return new StoredResponse(problem.status(), Problem.MEDIA_TYPE, null, write(problem));
    }

    private String write(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be written as JSON", e);
        }
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequest(HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good key)");
        }
        return key;
    }

    /** SHA-256 over method, path (without a trailing slash) and the body in a canonical form. */
    String fingerprint(String method, String path, Object body) {
        String normalizedPath = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder text = new StringBuilder(method).append(' ').append(normalizedPath).append('\n');
        if (body != null) {
            canonical(json.valueToTree(body), text);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys sorted, numbers by value ({@code 20.0} = {@code 20.00}): equal requests, equal text. */
    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            sorted.forEach((name, value) -> {
                out.append(TextNode.valueOf(name)).append(':');
                canonical(value, out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(item -> {
                canonical(item, out);
                out.append(',');
            });
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        } else {
            out.append(node.toString());
        }
    }
}
