package com.marquee.booking.common.idempotency;

/**
 * One request that carries an Idempotency-Key: the endpoint it belongs to ({@code scope}), the key, the
 * fingerprint of what was asked, and the path problem answers name as their {@code instance}.
 */
public record IdempotentCall(String scope, String key, String fingerprint, String path) {
}
