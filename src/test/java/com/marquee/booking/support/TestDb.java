package com.marquee.booking.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Direct SQL for what the API cannot do (backdating a hold) and for checking invariants behind the
 * API's back. Used by {@code @QuarkusTest}s only; integration tests stay HTTP-only.
 */
public final class TestDb {

    private final DataSource dataSource;

    public TestDb(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    public Object single(String sql, Object... params) {
        List<Object[]> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0)[0];
    }

    public List<Object[]> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a booking's hold (booking and seats) into the past, as if it had run out. */
    public void expireHold(long bookingId) {
        update("UPDATE bookings SET hold_expiry_time = now() - interval '1 minute',"
                + " booking_time = booking_time - interval '11 minutes' WHERE booking_id = ?", bookingId);
        update("UPDATE booked_seats SET hold_expiry_time = now() - interval '1 minute'"
                + " WHERE booking_id = ? AND status = 'on_hold'", bookingId);
    }

    /** The invariant: the counter equals the active seats, for one showtime. */
    public long activeSeats(long showtimeId) {
        return count("SELECT count(*) FROM booked_seats WHERE showtime_id = ? AND status IN ('on_hold', 'booked')"
                + " AND NOT is_deleted", showtimeId);
    }

    public long counter(long showtimeId) {
        return count("SELECT seats_booked FROM showtimes WHERE showtime_id = ?", showtimeId);
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
