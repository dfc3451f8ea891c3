package com.marquee.booking.common.idempotency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A claimed Idempotency-Key: {@code in_flight} while its first request runs, then {@code done} with the answer. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord {

    public static final String IN_FLIGHT = "in_flight";
    public static final String DONE = "done";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "idempotency_key_id")
    public Long id;

    @Column(name = "scope", nullable = false, length = 64)
    public String scope;

    @Column(name = "idempotency_key", nullable = false)
    public String key;

    @Column(name = "fingerprint", nullable = false, length = 64)
    public String fingerprint;

    @Column(name = "state", nullable = false, length = 16)
    public String state;

    @Column(name = "response_status")
    public Short responseStatus;

    @Column(name = "response_content_type", length = 100)
    public String responseContentType;

    @Column(name = "response_location")
    public String responseLocation;

    @Column(name = "response_body", columnDefinition = "text")
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public boolean isDone() {
        return DONE.equals(state);
    }
}
