package com.marquee.booking.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The start-up choice of provider, and the configurations it refuses to start with. */
class PaymentProvidersTest {

    @Test
    void choosesByName() {
        assertEquals("simulated", PaymentProviders.select("simulated", Optional.empty(), "usd"));
        assertEquals("stripe", PaymentProviders.select(" Stripe ", Optional.of("sk_test_x"), "usd"));
        assertEquals("simulated", PaymentProviders.select("SIMULATED", Optional.empty(), "EUR"));
    }

    @Test
    void unknownProviderStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PaymentProviders.select("paypal", Optional.empty(), "usd"));

        assertTrue(e.getMessage().contains("BOOKING_PAYMENTS_PROVIDER"), e.getMessage());
        assertTrue(e.getMessage().contains("paypal"), e.getMessage());
    }

    @Test
    void stripeWithoutAKeyStopsTheStart() {
        for (Optional<String> key : java.util.List.of(Optional.<String> empty(), Optional.of(" "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PaymentProviders.select("stripe", key, "usd"));
            assertTrue(e.getMessage().contains("BOOKING_PAYMENTS_STRIPE_API_KEY"), e.getMessage());
        }
    }

    @Test
    void currencyWithoutTwoDecimalsOrUnknownStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> PaymentProviders.select("simulated", Optional.empty(), "jpy"));
        assertThrows(IllegalStateException.class, () -> PaymentProviders.select("simulated", Optional.empty(), "kwd"));
        assertThrows(IllegalStateException.class, () -> PaymentProviders.select("simulated", Optional.empty(), "xyz1"));
    }
}
