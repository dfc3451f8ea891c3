package com.marquee.booking.payment;

import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import com.marquee.booking.common.config.BookingConfig;

import io.quarkus.runtime.Startup;

/**
 * Makes the provider named by {@code booking.payments.provider} (env {@code BOOKING_PAYMENTS_PROVIDER}) the
 * {@link PaymentProvider} that callers inject. A run-time choice, made at start-up: the same build runs
 * simulated or against Stripe. A configuration that cannot work stops the start with a message saying what to
 * set, rather than failing the first checkout: an unknown provider, {@code stripe} without an API key, or a
 * currency that does not have two decimals.
 * <p>
 * Both providers are beans of their own class only ({@code @Typed}), so that this producer is the one
 * {@code PaymentProvider}; inject {@link SimulatedPaymentProvider} or {@link StripePaymentProvider} by class to
 * use one regardless of the setting.
 */
@ApplicationScoped
public class PaymentProviders {

    @Produces
    @ApplicationScoped
    @Startup
    PaymentProvider active(BookingConfig config, Instance<SimulatedPaymentProvider> simulated,
            Instance<StripePaymentProvider> stripe) {
        String name = select(config.payments().provider(), config.payments().stripe().apiKey(),
                config.payments().currency());
        return name.equals(StripePaymentProvider.NAME) ? stripe.get() : simulated.get();
    }

    /** The provider's name, or a failure naming the setting to fix. */
    static String select(String provider, Optional<String> stripeApiKey, String currency) {
        String name = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        if (!name.equals(SimulatedPaymentProvider.NAME) && !name.equals(StripePaymentProvider.NAME)) {
            throw new IllegalStateException("booking.payments.provider (BOOKING_PAYMENTS_PROVIDER) is \"" + provider
                    + "\": it must be simulated or stripe");
        }
        if (name.equals(StripePaymentProvider.NAME) && stripeApiKey.filter(key -> !key.isBlank()).isEmpty()) {
            throw new IllegalStateException("booking.payments.provider is stripe but no API key is set: set "
                    + "BOOKING_PAYMENTS_STRIPE_API_KEY (booking.payments.stripe.api-key) to the secret key");
        }
        Currency iso;
        try {
            iso = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("booking.payments.currency (BOOKING_PAYMENTS_CURRENCY) is \"" + currency
                    + "\", which is not an ISO 4217 currency code");
        }
        if (iso.getDefaultFractionDigits() != 2) {
            // amounts are stored with two decimals and sent as cents: a zero- or three-decimal currency would be
            // charged a hundred times too much or ten times too little
            throw new IllegalStateException("booking.payments.currency is " + currency + ", which has "
                    + iso.getDefaultFractionDigits() + " decimals; only two-decimal currencies are supported");
        }
        return name;
    }
}
