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
    public Uni<Integer> failPending(long bookingId, String reason, Instant now) {
        return update("status = ?1, failureReason = ?2, updatedAt = ?3 where bookingId = ?4 and status = ?5",
                PaymentStatus.FAILED, reason, now, bookingId, PaymentStatus.PENDING);
    }

    public Uni<List<Payment>> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (ids.size() == 1) {
            return findById(ids.iterator().next()).map(found -> found == null ? List.of() : List.of(found));
        }
        return list("id in ?1", ids);
    }
}
