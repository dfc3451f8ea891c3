package com.marquee.booking.integration.payments;

import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import com.marquee.booking.common.config.BookingConfig;

/**
 * The headers every Stripe request carries: the secret key ({@code booking.payments.stripe.api-key}) and the
 * pinned API version, so that a change of the account's default version in Stripe's dashboard cannot change
 * the shape of the answers we parse.
 */
@Singleton
class StripeHeaders implements ClientHeadersFactory {

    private final Optional<String> apiKey;

    StripeHeaders(BookingConfig config) {
        this.apiKey = config.payments().stripe().apiKey().filter(key -> !key.isBlank());
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        // without a key Stripe answers 401, which tells the operator more than a request we refuse to send
        apiKey.ifPresent(key -> headers.putSingle("Authorization", "Bearer " + key));
        headers.putSingle("Stripe-Version", StripeClient.API_VERSION);
        return headers;
    }
}
