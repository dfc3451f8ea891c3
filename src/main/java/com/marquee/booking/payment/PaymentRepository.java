package com.marquee.booking.payment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class PaymentRepository implements PanacheRepositoryBase<Payment, Long> {

    public Uni<Payment> findByIdForUpdate(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A booking that ends unpaid fails the payments still pending for it. */
    public Uni<Integer> failPending(Collection<Long> bookingIds, String reason, Instant now) {
        return update("status = ?1, failureReason = ?2, updatedAt = ?3 where bookingId in ?4 and status = ?5",
                PaymentStatus.FAILED, reason, now, bookingIds, PaymentStatus.PENDING);
    }

    public Uni<List<Payment>> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }
}
