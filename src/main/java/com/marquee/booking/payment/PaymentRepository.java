package com.marquee.booking.payment;

import java.time.Duration;
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

    /** The charge in flight for a booking, if any (at most one: {@code payments_charge_in_flight_uq}). */
    public Uni<Payment> findChargeInFlight(long bookingId) {
        return find("bookingId = ?1 and status = ?2", bookingId, PaymentStatus.PROCESSING).firstResult();
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

    /**
     * Takes up to {@code limit} unsettled payments (processing or refunding) that are due a check, for this
     * caller alone: each gets its next check pushed out (doubling per attempt, at most an hour), so another
     * instance's reconciler skips it while this one asks the provider, and a payment whose provider keeps
     * failing is asked less and less often. SKIP LOCKED: payments a checkout is settling are left to it.
     */
    public Uni<List<Long>> leaseUnsettled(Instant now, Duration firstBackoff, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                UPDATE payments p
                   SET next_check_at = CAST(:now AS timestamptz)
                           + LEAST(CAST(:backoff AS double precision) * power(2, LEAST(p.check_attempts, 12)), 3600)
                             * interval '1 second',
                       check_attempts = p.check_attempts + 1
                 WHERE p.payment_id IN (SELECT payment_id FROM payments
                                         WHERE status IN ('processing', 'refunding') AND next_check_at <= :now
                                           AND NOT is_deleted
                                         ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING p.payment_id
                """, Long.class)
                .setParameter("now", now).setParameter("backoff", firstBackoff.toMillis() / 1000.0)
                .setParameter("limit", limit).getResultList());
    }
}
