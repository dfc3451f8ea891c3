package com.marquee.booking.payment;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import com.marquee.booking.common.persistence.AuditedEntity;

@Entity
@Table(name = "payments")
@SQLRestriction("is_deleted = false")
public class Payment extends AuditedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payments_seq")
    @SequenceGenerator(name = "payments_seq", sequenceName = "payments_seq", allocationSize = 50)
    @Column(name = "payment_id")
    public Long id;

    @Column(name = "amount", nullable = false, precision = 10, scale = 2)
    public BigDecimal amount;

    @Column(name = "status", nullable = false, length = 16)
    public PaymentStatus status;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "booking_id")
    public Long bookingId;

    @Column(name = "gateway_reference", length = 64)
    public String gatewayReference;

    @Column(name = "failure_reason")
    public String failureReason;

    /** Who was asked to move the money ({@link PaymentProvider#name()}); null until a charge starts. */
    @Column(name = "provider", length = 16)
    public String provider;

    @Column(name = "currency", length = 3)
    public String currency;

    /** Made by a checkout ({@code /complete}, auto-confirm): settling it confirms {@link #bookingId}. */
    @Column(name = "checkout", nullable = false)
    public boolean checkout;

    /** The provider's idempotency key for the charge, stored before the provider is called. */
    @Column(name = "charge_key", length = 64)
    public String chargeKey;

    @Column(name = "charge_started_at")
    public Instant chargeStartedAt;

    @Column(name = "refund_key", length = 64)
    public String refundKey;

    @Column(name = "refund_started_at")
    public Instant refundStartedAt;

    @Column(name = "refund_reference", length = 64)
    public String refundReference;

    /** While processing or refunding: when the reconciler may look at this payment next. */
    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "check_attempts", nullable = false)
    public int checkAttempts;

    /** The Idempotency-Key whose answer is recorded when this payment settles. */
    @Column(name = "idempotency_key_id")
    public Long idempotencyKeyId;

    public static Payment pending(BigDecimal amount, String createdBy, Long bookingId) {
        Payment payment = new Payment();
        payment.amount = amount;
        payment.createdBy = createdBy;
        payment.bookingId = bookingId;
        payment.status = PaymentStatus.PENDING;
        return payment;
    }

    /**
     * T1 of a charge: the payment is processing with {@code provider}, under a fresh idempotency key, and
     * left to the reconciler if nobody settles it by {@code checkAt}.
     */
    public void startCharge(String provider, String currency, Instant now, Instant checkAt) {
        this.status = PaymentStatus.PROCESSING;
        this.provider = provider;
        this.currency = currency;
        this.chargeKey = "charge-" + java.util.UUID.randomUUID();
        this.chargeStartedAt = now;
        this.nextCheckAt = checkAt;
        this.failureReason = null;
    }

    /** T1 of a refund of a completed charge (the same rules as a charge). */
    public void startRefund(Instant now, Instant checkAt) {
        this.status = PaymentStatus.REFUNDING;
        this.refundKey = "refund-" + java.util.UUID.randomUUID();
        this.refundStartedAt = now;
        this.nextCheckAt = checkAt;
        // the refund's checks back off from their own first try, not from the charge's
        this.checkAttempts = 0;
    }

    /** Whether a provider's charge of {@code minorUnits} (null: not stated) is not the amount of this payment. */
    public boolean amountDiffers(Long minorUnits) {
        return minorUnits != null && minorUnits != MinorUnits.of(amount);
    }

    public PaymentProvider.Charge charge(String currency) {
        return new PaymentProvider.Charge(id, bookingId, amount, this.currency == null ? currency : this.currency,
                createdBy, chargeKey);
    }

    public PaymentProvider.Refund refund(String currency) {
        return new PaymentProvider.Refund(id, bookingId, gatewayReference, amount,
                this.currency == null ? currency : this.currency, refundKey);
    }
}
