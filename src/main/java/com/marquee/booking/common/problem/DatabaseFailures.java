package com.marquee.booking.common.problem;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Classifies database failures by SQLState, wherever Hibernate or Vert.x wrapped them: Hibernate
 * Reactive turns a {@link PgException} into a {@link JDBCException} (LockTimeoutException,
 * ConstraintViolationException, ...) that carries the SQLState but not always the original cause.
 */
public final class DatabaseFailures {

    private static final String ACTIVE_SEAT_INDEX = "booked_seats_active_uq";

    private DatabaseFailures() {
    }

    /** The partial unique index caught a second active booking of a seat. */
    public static boolean isActiveSeatConflict(Throwable failure) {
        return isUniqueViolation(failure, ACTIVE_SEAT_INDEX);
    }

    /** A unique constraint or index named {@code constraint} refused a write. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof ConstraintViolationException violation && "23505".equals(violation.getSQLState())) {
                return constraint.equals(violation.getConstraintName())
                        || String.valueOf(violation.getMessage()).contains(constraint);
            }
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return constraint.equals(pg.getConstraint())
                        || String.valueOf(pg.getErrorMessage()).contains(constraint);
            }
        }
        return false;
    }

    /** The database is down, restarting, overloaded or did not give us a connection or lock in time. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException
                    || t instanceof ClosedConnectionException || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && isTransient(pg.getSqlState())) {
                return true;
            }
            if (t instanceof JDBCException jdbc && isTransient(jdbc.getSQLState())) {
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
                || sqlState.equals("55P03"); // lock not available (lock_timeout)
    }

    /**
     * A deadlock or a serialization failure. Every writer takes its locks in one order (showtime, booking,
     * payment), so either means that order was broken somewhere: a bug to log loudly, not an outage.
     */
    public static boolean isLockOrderFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            String sqlState = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if ("40P01".equals(sqlState) || "40001".equals(sqlState)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
