package com.marquee.booking.seat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;
import com.marquee.booking.showtime.Showtime;
import com.marquee.booking.showtime.ShowtimeNotFound;
import com.marquee.booking.showtime.ShowtimeRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Read-only answers about a showtime's seats. Expired holds count as free everywhere. */
@ApplicationScoped
public class SeatMapService {

    /** check-availability may ask about more seats than one booking can hold (a whole row, say). */
    private static final int MAX_SEATS_PER_QUERY = 100;
    private static final int MAX_COLS = 100;

    private final ShowtimeRepository showtimes;
    private final BookedSeatRepository seats;
    private final Clock clock;

    public SeatMapService(ShowtimeRepository showtimes, BookedSeatRepository seats, Clock clock) {
        this.showtimes = showtimes;
        this.seats = seats;
        this.clock = clock;
    }

    /** Seats on hold or booked, in the notation of the bookings that hold them. */
    @WithSession
    public Uni<List<SeatView>> takenSeats(long showtimeId) {
        return existing(showtimeId).chain(showtime -> taken(showtimeId)).map(rows -> rows.stream()
                .map(SeatView::of).toList());
    }

    /** The Theatre UI's view: integer rows; an unknown showtime simply has no taken seats. */
    @WithSession
    public Uni<List<ActiveSeat>> activeSeats(long showtimeId) {
        return taken(showtimeId).map(rows -> rows.stream().map(ActiveSeat::of).toList());
    }

    @WithSession
    public Uni<SeatMapView> seatMap(long showtimeId, String rowsParam, String colsParam) {
        return existing(showtimeId).chain(showtime -> {
            List<String> keys = new ArrayList<>();
            List<Object> rowValues = new ArrayList<>();
            List<Integer> rowNumbers = new ArrayList<>();
            parseRows(showtime, rowsParam, keys, rowValues, rowNumbers);
            int cols = parseCols(showtime, colsParam);
            return taken(showtimeId).map(rows -> {
                Map<Integer, BookedSeat> bySeat = new HashMap<>();
                rows.forEach(row -> bySeat.put(row.seatRow * 1000 + row.seatCol, row));
                Map<String, List<SeatMapView.Cell>> map = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    List<SeatMapView.Cell> cells = new ArrayList<>(cols);
                    for (int col = 1; col <= cols; col++) {
                        BookedSeat taken = bySeat.get(rowNumbers.get(i) * 1000 + col);
                        cells.add(new SeatMapView.Cell(rowValues.get(i), col, taken == null,
                                taken == null ? "available" : taken.status.wire()));
                    }
                    map.put(keys.get(i), cells);
                }
                return new SeatMapView(showtimeId, rowValues, cols, map);
            });
        });
    }

    @WithSession
    public Uni<Availability> availability(long showtimeId, JsonNode requestedSeats) {
        return existing(showtimeId).chain(showtime -> {
            List<Seat> requested = SeatParser.parse(requestedSeats, MAX_SEATS_PER_QUERY, "seats");
            List<FieldError> outside = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                Seat seat = requested.get(i);
                if (!showtime.contains(seat.row(), seat.col())) {
                    outside.add(new FieldError("seats[" + i + "]", "seat " + seat.label()
                            + " is outside the screen (" + showtime.numRows + " rows x " + showtime.numCols
                            + " seats)"));
                }
            }
            if (!outside.isEmpty()) {
                throw new InvalidRequest(outside);
            }
            Instant now = clock.instant();
            return seats.findActive(showtimeId, requested).map(active -> {
                Map<Seat, BookedSeat> taken = active.stream().filter(row -> row.isTakenAt(now))
                        .collect(Collectors.toMap(BookedSeat::seat, row -> row, (a, b) -> a));
                List<SeatRef> unavailable = requested.stream().filter(taken::containsKey)
                        .map(seat -> SeatRef.of(seat, taken.get(seat).status.wire())).toList();
                String message = unavailable.isEmpty()
                        ? (requested.size() == 1 ? "The seat is available" : "All " + requested.size()
                                + " seats are available")
                        : unavailable.stream().map(s -> s.rowLabel() + s.col()).collect(Collectors.joining(", "))
                                + (unavailable.size() == 1 ? " is" : " are") + " not available";
                return new Availability(unavailable.isEmpty(), message, unavailable);
            });
        });
    }

    private Uni<Showtime> existing(long showtimeId) {
        return showtimes.findById(showtimeId).onItem().ifNull().failWith(() -> new ShowtimeNotFound(showtimeId));
    }

    private Uni<List<BookedSeat>> taken(long showtimeId) {
        Instant now = clock.instant();
        return seats.findActive(showtimeId).map(rows -> rows.stream().filter(row -> row.isTakenAt(now)).toList());
    }

    private static void parseRows(Showtime showtime, String rowsParam, List<String> keys, List<Object> values,
            List<Integer> numbers) {
        if (rowsParam == null || rowsParam.isBlank()) {
            for (int row = 1; row <= showtime.numRows; row++) {
                keys.add(RowLabels.label(row));
                values.add(RowLabels.label(row));
                numbers.add(row);
            }
            return;
        }
        String[] tokens = rowsParam.split(",", -1);
        if (tokens.length > showtime.numRows) {
            throw new InvalidRequest("rows", "names more rows than the screen has (" + showtime.numRows + ")");
        }
        for (String raw : tokens) {
            String token = raw.trim();
            Integer row = SeatParser.rowToken(token);
            if (row == null) {
                throw new InvalidRequest("rows", "'" + abbreviate(token) + "' is not a row: use letters A-Z or numbers >= 1, "
                        + "comma-separated");
            }
            if (row > showtime.numRows) {
                throw new InvalidRequest("rows", "row " + token + " is outside the screen (" + showtime.numRows
                        + " rows)");
            }
            boolean letter = Character.isLetter(token.charAt(0));
            String key = letter ? token.toUpperCase() : String.valueOf(row);
            if (numbers.contains(row)) {
                throw new InvalidRequest("rows", "names row " + key + " twice");
            }
            keys.add(key);
            values.add(letter ? key : (Object) row);
            numbers.add(row);
        }
    }

    private static int parseCols(Showtime showtime, String colsParam) {
        if (colsParam == null || colsParam.isBlank()) {
            return showtime.numCols;
        }
        String token = colsParam.trim();
        if (!token.matches("[0-9]{1,3}")) {
            throw new InvalidRequest("cols", "must be an integer between 1 and " + MAX_COLS);
        }
        int cols = Integer.parseInt(token);
        if (cols < 1 || cols > MAX_COLS) {
            throw new InvalidRequest("cols", "must be an integer between 1 and " + MAX_COLS);
        }
        if (cols > showtime.numCols) {
            throw new InvalidRequest("cols", "is more than the screen's " + showtime.numCols + " seats per row");
        }
        return cols;
    }

    private static String abbreviate(String token) {
        return token.length() <= 10 ? token : token.substring(0, 10) + "...";
    }
}
