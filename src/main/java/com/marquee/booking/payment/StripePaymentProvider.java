package com.marquee.booking.payment;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.marquee.booking.common.config.BookingConfig;
import com.marquee.booking.integration.payments.StripeClient;
import com.marquee.booking.integration.payments.StripeClient.IntentRequest;
import com.marquee.booking.integration.payments.StripeClient.RefundRequest;
import com.marquee.booking.integration.payments.StripeResult;

import io.smallrye.mutiny.Uni;

/**
 * {@code booking.payments.provider=stripe}: charges through Stripe's PaymentIntents API ({@link StripeClient},
 * which maps Stripe's answers to approved, declined or unknown). A charge is one create-and-confirm request
 * with the payment's idempotency key, the configured payment method ({@code booking.payments.stripe.payment-method})
 * and our payment and booking ids as metadata (which is how webhooks find the payment again). The reference of a
 * charge is the PaymentIntent's id ({@code pi_...}), also on declines and unknown outcomes when Stripe named one;
 * a refund's is the refund's id ({@code re_...}).
 * <p>
 * A bean whichever provider is active (the tests call it directly); its REST client is built on first use, so
 * an unset key or URL costs nothing while it is not selected.
 */
@ApplicationScoped
@Typed(StripePaymentProvider.class)
public class StripePaymentProvider implements PaymentProvider {

    public static final String NAME = "stripe";

    private final StripeClient stripe;
    private final String defaultCurrency;
    private final String paymentMethod;

    public StripePaymentProvider(StripeClient stripe, BookingConfig config) {
        this.stripe = stripe;
        this.defaultCurrency = config.payments().currency();
        this.paymentMethod = config.payments().stripe().paymentMethod();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The same {@link Charge} must give the same request each time (Stripe compares the parameters of a reused
     * key): everything sent comes from the charge and from configuration, nothing from the clock.
     */
    @Override
    public Uni<Outcome> charge(Charge charge) {
        long amount;
        try {
            amount = MinorUnits.of(charge.amount());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Outcome.declined(null, "invalid amount: " + e.getMessage()));
        }
        IntentRequest request = new IntentRequest(amount, currency(charge.currency()), paymentMethod,
                charge.paymentId(), charge.bookingId());
        return stripe.createAndConfirm(request, charge.idempotencyKey()).map(StripePaymentProvider::outcome);
    }

    /**
     * With the intent's id, reads the intent as it is now (a {@code processing} intent may have succeeded since;
     * a replayed request would repeat the old answer). Without one, repeats the create request with the same key:
     * Stripe replays the first answer, or charges now if the first request never arrived.
     */
    @Override
    public Uni<Outcome> lookup(Charge charge, String reference) {
        if (reference != null && reference.startsWith("pi_")) {
            return stripe.retrieve(reference).map(StripePaymentProvider::outcome);
        }
        return charge(charge);
    }

    @Override
    public Uni<Outcome> refund(Refund refund) {
        if (refund.chargeReference() == null || !refund.chargeReference().startsWith("pi_")) {
            return Uni.createFrom().item(Outcome.declined(null, "the charge " + refund.chargeReference()
                    + " is not a Stripe PaymentIntent, so Stripe cannot refund it"));
        }
        long amount;
        try {
            amount = MinorUnits.of(refund.amount());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Outcome.declined(null, "invalid amount: " + e.getMessage()));
        }
        RefundRequest request = new RefundRequest(refund.chargeReference(), amount, refund.paymentId(),
                refund.bookingId());
        return stripe.refund(request, refund.idempotencyKey()).map(StripePaymentProvider::outcome);
    }

    private String currency(String requested) {
        // Stripe writes currencies in lower case
        return (requested == null || requested.isBlank() ? defaultCurrency : requested).toLowerCase(Locale.ROOT);
    }

    private static Outcome outcome(StripeResult result) {
        Outcome.Result verdict = switch (result.verdict()) {
            case APPROVED -> Outcome.Result.APPROVED;
            case DECLINED -> Outcome.Result.DECLINED;
            case UNKNOWN -> Outcome.Result.UNKNOWN;
        };
        return new Outcome(verdict, result.reference(), result.reason());
    }
}
