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

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.annotations.UpdateTimestamp;

@Entity
@Table(name = "payments")
@SQLRestriction("is_deleted = false")
public class Payment {

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

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "is_deleted", nullable = false)
    public boolean deleted;

    public static Payment pending(BigDecimal amount, String createdBy, Long bookingId) {
        Payment payment = new Payment();
        payment.amount = amount;
        payment.createdBy = createdBy;
        payment.bookingId = bookingId;
        payment.status = PaymentStatus.PENDING;
        return payment;
    }
}
