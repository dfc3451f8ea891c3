package com.marquee.booking.seat;

import java.time.Clock;
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
import com.marquee.booking.showtime.ShowtimeNotFound;

import io.smallrye.mutiny.Uni;

/** Read-only answers about a showtime's seats. Expired holds count as free everywhere. */
@ApplicationScoped
public class SeatMapService {

    /** check-availability may ask about more seats than one booking can hold (a whole row, say). */
    private static final int MAX_SEATS_PER_QUERY = 100;
    private static final int MAX_COLS = 100;

    private final TakenSeatRepository screens;
    private final Clock clock;

    public SeatMapService(TakenSeatRepository screens, Clock clock) {
        this.screens = screens;
        this.clock = clock;
    }

    /** Seats on hold or booked, in the notation of the bookings that hold them. */
    public Uni<List<SeatView>> takenSeats(long showtimeId) {
        return existing(showtimeId).map(screen -> screen.taken().stream()
                .map(seat -> new SeatView(new Seat(seat.row(), seat.col(), seat.letter()).rowValue(), seat.col(),
                        seat.row(), RowLabels.label(seat.row()), seat.status().wire(), seat.holdExpiryTime(),
                        seat.bookingId(), showtimeId))
                .toList());
    }

    /** The Theatre UI's view: integer rows; an unknown showtime simply has no taken seats. */
    public Uni<List<ActiveSeat>> activeSeats(long showtimeId) {
        return screens.screen(showtimeId, clock.instant()).map(screen -> screen == null ? List.<ActiveSeat> of()
                : screen.taken().stream()
                        .map(seat -> new ActiveSeat(seat.row(), seat.col(), seat.status().wire(), seat.bookingId()))
                        .toList());
    }

    public Uni<SeatMapView> seatMap(long showtimeId, String rowsParam, String colsParam) {
        return existing(showtimeId).map(screen -> {
            List<String> keys = new ArrayList<>();
            List<Object> rowValues = new ArrayList<>();
            List<Integer> rowNumbers = new ArrayList<>();
            parseRows(screen.numRows(), rowsParam, keys, rowValues, rowNumbers);
            int cols = parseCols(screen.numCols(), colsParam);
            Map<Integer, TakenSeatRepository.TakenSeat> bySeat = new HashMap<>();
            screen.taken().forEach(seat -> bySeat.put(seat.row() * 1000 + seat.col(), seat));
            Map<String, List<SeatMapView.Cell>> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                List<SeatMapView.Cell> cells = new ArrayList<>(cols);
                for (int col = 1; col <= cols; col++) {
                    TakenSeatRepository.TakenSeat taken = bySeat.get(rowNumbers.get(i) * 1000 + col);
                    cells.add(new SeatMapView.Cell(rowValues.get(i), col, taken == null,
                            taken == null ? "available" : taken.status().wire()));
                }
                map.put(keys.get(i), cells);
            }
            return new SeatMapView(showtimeId, rowValues, cols, map);
        });
    }

    public Uni<Availability> availability(long showtimeId, JsonNode requestedSeats) {
        return existing(showtimeId).map(screen -> {
            List<Seat> requested = SeatParser.parse(requestedSeats, MAX_SEATS_PER_QUERY, "seats");
            List<FieldError> outside = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                Seat seat = requested.get(i);
                if (seat.row() > screen.numRows() || seat.col() > screen.numCols()) {
                    outside.add(new FieldError("seats[" + i + "]", "seat " + seat.label()
                            + " is outside the screen (" + screen.numRows() + " rows x " + screen.numCols()
                            + " seats)"));
                }
            }
            if (!outside.isEmpty()) {
                throw new InvalidRequest(outside);
            }
            Map<Seat, TakenSeatRepository.TakenSeat> taken = new HashMap<>();
            screen.taken().forEach(seat -> taken.put(new Seat(seat.row(), seat.col(), false), seat));
            List<SeatRef> unavailable = requested.stream().filter(taken::containsKey)
                    .map(seat -> SeatRef.of(seat, taken.get(seat).status().wire())).toList();
            String message = unavailable.isEmpty()
                    ? (requested.size() == 1 ? "The seat is available" : "All " + requested.size()
                            + " seats are available")
                    : unavailable.stream().map(s -> s.rowLabel() + s.col()).collect(Collectors.joining(", "))
                            + (unavailable.size() == 1 ? " is" : " are") + " not available";
            return new Availability(unavailable.isEmpty(), message, unavailable);
        });
    }

    private Uni<TakenSeatRepository.Screen> existing(long showtimeId) {
        return screens.screen(showtimeId, clock.instant())
                .onItem().ifNull().failWith(() -> new ShowtimeNotFound(showtimeId));
    }

    private static void parseRows(int numRows, String rowsParam, List<String> keys, List<Object> values,
            List<Integer> numbers) {
        if (rowsParam == null || rowsParam.isBlank()) {
            for (int row = 1; row <= numRows; row++) {
                keys.add(RowLabels.label(row));
                values.add(RowLabels.label(row));
                numbers.add(row);
            }
            return;
        }
        String[] tokens = rowsParam.split(",", -1);
        if (tokens.length > numRows) {
            throw new InvalidRequest("rows", "names more rows than the screen has (" + numRows + ")");
        }
        for (String raw : tokens) {
            String token = raw.trim();
            Integer row = SeatParser.rowToken(token);
            if (row == null) {
                throw new InvalidRequest("rows", "'" + abbreviate(token) + "' is not a row: use letters A-Z or numbers >= 1, "
                        + "comma-separated");
            }
            if (row > numRows) {
                throw new InvalidRequest("rows", "row " + token + " is outside the screen (" + numRows
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

    private static int parseCols(int numCols, String colsParam) {
        if (colsParam == null || colsParam.isBlank()) {
            return numCols;
        }
        String token = colsParam.trim();
        if (!token.matches("[0-9]{1,3}")) {
            throw new InvalidRequest("cols", "must be an integer between 1 and " + MAX_COLS);
        }
        int cols = Integer.parseInt(token);
        if (cols < 1 || cols > MAX_COLS) {
            throw new InvalidRequest("cols", "must be an integer between 1 and " + MAX_COLS);
        }
        if (cols > numCols) {
            throw new InvalidRequest("cols", "is more than the screen's " + numCols + " seats per row");
        }
        return cols;
    }

    private static String abbreviate(String token) {
        return token.length() <= 10 ? token : token.substring(0, 10) + "...";
    }
}
