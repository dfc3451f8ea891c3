package com.marquee.booking.common.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Classifies database failures by their root cause, wherever Hibernate or Vert.x wrapped them. */
public final class DatabaseFailures {

    private static final String ACTIVE_SEAT_INDEX = "booked_seats_active_uq";

    private DatabaseFailures() {
    }

    /** The partial unique index caught a second active booking of a seat. */
    public static boolean isActiveSeatConflict(Throwable failure) {
        PgException pg = find(failure, PgException.class);
        return pg != null && "23505".equals(pg.getSqlState())
                && (pg.getConstraint() == null || ACTIVE_SEAT_INDEX.equals(pg.getConstraint())
                        || String.valueOf(pg.getErrorMessage()).contains(ACTIVE_SEAT_INDEX));
    }

    /** A unique constraint or index named {@code constraint} refused a write. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        PgException pg = find(failure, PgException.class);
        return pg != null && "23505".equals(pg.getSqlState()) && (constraint.equals(pg.getConstraint())
                || String.valueOf(pg.getErrorMessage()).contains(constraint));
    }

    /** The database is down, restarting, overloaded or did not give us a connection or lock in time. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && isTransient(pg.getSqlState())) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (name.equals("NoStackTraceThrowable") || name.equals("VertxException")
                    || name.equals("NoStackTraceTimeoutException")) {
                if (message.contains("timeout") || message.contains("connection") || message.contains("closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTransient(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") // connection exception
                || sqlState.startsWith("53") // insufficient resources
                || sqlState.startsWith("57") // operator intervention (shutdown, statement timeout)
                || sqlState.equals("55P03") // lock not available (lock_timeout)
                || sqlState.equals("40001") // serialization failure
                || sqlState.equals("40P01"); // deadlock
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
