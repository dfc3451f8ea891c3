package com.marquee.booking.showtime;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShowtimeView(long showtimeId, Long movieId, Long screenId, Instant startTime, BigDecimal price,
        int numRows, int numCols, int totalSeats, int seatsBooked, int seatsAvailable, Instant createdAt,
        Instant updatedAt) {

    public static ShowtimeView of(Showtime s) {
        return new ShowtimeView(s.id, s.movieId, s.screenId, s.startTime, s.price, s.numRows, s.numCols,
                s.capacity(), s.seatsBooked, s.capacity() - s.seatsBooked, s.createdAt, s.updatedAt);
    }
}
