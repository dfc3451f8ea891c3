package com.marquee.booking.seat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marquee.booking.common.problem.InvalidRequest;
import com.marquee.booking.common.problem.Problem.FieldError;
import com.marquee.booking.seat.RenderedSeats.View;
import com.marquee.booking.seat.SeatMapResource.TakenSeats;
import com.marquee.booking.seat.TakenSeatRepository.TakenSeat;
import com.marquee.booking.seat.TheatreUiSeatsResource.ActiveSeats;
import com.marquee.booking.showtime.ShowtimeNotFound;

import io.smallrye.mutiny.Uni;

/**
 * Read-only answers about a showtime's seats, all from the in-memory {@link SeatSnapshots}. Expired holds
 * count as free everywhere: every answer filters the snapshot by the time of the read. The three polled reads
 * (the Theatre UI's list, the taken seats, the whole seat map) are rendered to JSON once per snapshot and
 * reused until a hold in them runs out, so a poll costs no query and no serialization.
 */
@ApplicationScoped
public class SeatMapService {

    /** check-availability may ask about more seats than one booking can hold (a whole row, say). */
    private static final int MAX_SEATS_PER_QUERY = 100;
    private static final int MAX_COLS = 100;
    private static final RenderedSeats NO_SEATS = RenderedSeats.of("{\"seats\":[]}".getBytes(StandardCharsets.UTF_8),
            Instant.MAX);

    private final SeatSnapshots snapshots;
    private final ObjectMapper json;
    private final Clock clock;

    public SeatMapService(SeatSnapshots snapshots, ObjectMapper json, Clock clock) {
        this.snapshots = snapshots;
        this.json = json;
        this.clock = clock;
    }

    /** Seats on hold or booked, in the notation of the bookings that hold them. */
    public Uni<RenderedSeats> takenSeats(long showtimeId) {
        return existing(showtimeId).map(snapshot -> rendered(snapshot, View.TAKEN_SEATS));
    }

    /** The same seats as {@link #takenSeats} as records, for code that reads them (the dev-mode seed). */
    public Uni<List<SeatView>> takenSeatViews(long showtimeId) {
        return existing(showtimeId).map(snapshot -> views(snapshot, clock.instant()));
    }

    /** The Theatre UI's view: integer rows; an unknown showtime simply has no taken seats. */
    public Uni<RenderedSeats> activeSeats(long showtimeId) {
        return snapshots.current(showtimeId)
                .map(snapshot -> snapshot == null ? NO_SEATS : rendered(snapshot, View.UI_LIST));
    }

    /** The whole screen by default (rendered once per snapshot); a chosen part is rendered per request. */
    public Uni<RenderedSeats> seatMap(long showtimeId, String rowsParam, String colsParam) {
        boolean wholeScreen = (rowsParam == null || rowsParam.isBlank()) && (colsParam == null || colsParam.isBlank());
        return existing(showtimeId).map(snapshot -> {
            if (wholeScreen) {
                return rendered(snapshot, View.FULL_SEAT_MAP);
            }
            Instant now = clock.instant();
            return RenderedSeats.of(bytes(seatMap(snapshot, now, rowsParam, colsParam)),
                    snapshot.nextExpiryAfter(now));
        });
    }

    /** The UI list as the live stream's first event shows it; also what {@link #activeSeats} renders. */
    static ActiveSeats activeSeats(List<TakenSeat> taken) {
        return new ActiveSeats(taken.stream()
                .map(seat -> new ActiveSeat(seat.row(), seat.col(), seat.status().wire(), seat.bookingId()))
                .toList());
    }

    private RenderedSeats rendered(SeatSnapshot snapshot, View view) {
        Instant now = clock.instant();
        return snapshot.renders().get(view, now, () -> RenderedSeats.of(bytes(switch (view) {
            case UI_LIST -> activeSeats(snapshot.takenAt(now));
            case TAKEN_SEATS -> takenSeats(snapshot, now);
            case FULL_SEAT_MAP -> seatMap(snapshot, now, null, null);
        }), snapshot.nextExpiryAfter(now)));
    }

    private static TakenSeats takenSeats(SeatSnapshot snapshot, Instant now) {
        return new TakenSeats(snapshot.showtimeId(), views(snapshot, now));
    }

    private static List<SeatView> views(SeatSnapshot snapshot, Instant now) {
        long showtimeId = snapshot.showtimeId();
        return snapshot.takenAt(now).stream()
                .map(seat -> new SeatView(new Seat(seat.row(), seat.col(), seat.letter()).rowValue(), seat.col(),
                        seat.row(), RowLabels.label(seat.row()), seat.status().wire(), seat.holdExpiryTime(),
                        seat.bookingId(), showtimeId))
                .toList();
    }

    private static SeatMapView seatMap(SeatSnapshot screen, Instant now, String rowsParam, String colsParam) {
        List<String> keys = new ArrayList<>();
        List<Object> rowValues = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        parseRows(screen.numRows(), rowsParam, keys, rowValues, rowNumbers);
        int cols = parseCols(screen.numCols(), colsParam);
        Map<Integer, TakenSeat> bySeat = new HashMap<>();
        screen.takenAt(now).forEach(seat -> bySeat.put(seat.row() * 1000 + seat.col(), seat));
        Map<String, List<SeatMapView.Cell>> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<SeatMapView.Cell> cells = new ArrayList<>(cols);
            for (int col = 1; col <= cols; col++) {
                TakenSeat taken = bySeat.get(rowNumbers.get(i) * 1000 + col);
                cells.add(new SeatMapView.Cell(rowValues.get(i), col, taken == null,
                        taken == null ? "available" : taken.status().wire()));
            }
            map.put(keys.get(i), cells);
        }
        return new SeatMapView(screen.showtimeId(), rowValues, cols, map);
    }

    public Uni<Availability> availability(long showtimeId, JsonNode requestedSeats) {
        return existing(showtimeId).map(screen -> {
            Instant now = clock.instant();
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
            Map<Seat, TakenSeat> taken = new HashMap<>();
            screen.takenAt(now).forEach(seat -> taken.put(new Seat(seat.row(), seat.col(), false), seat));
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

    private Uni<SeatSnapshot> existing(long showtimeId) {
        return snapshots.current(showtimeId).onItem().ifNull().failWith(() -> new ShowtimeNotFound(showtimeId));
    }

    private byte[] bytes(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("seat views are plain records", e);
        }
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
