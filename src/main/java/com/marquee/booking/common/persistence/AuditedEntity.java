package com.marquee.booking.common.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/**
 * The columns every table of ours carries: when a row was made and last changed, and the soft-delete flag
 * (rows are never deleted; entities add {@code @SQLRestriction("is_deleted = false")} so deleted rows stay
 * out of every query).
 */
@MappedSuperclass
public abstract class AuditedEntity {

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "is_deleted", nullable = false)
    public boolean deleted;
}
