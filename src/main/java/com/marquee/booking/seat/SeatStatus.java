package com.marquee.booking.seat;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A booked seat's life: on_hold -> booked | released. */
public enum SeatStatus {
    ON_HOLD, BOOKED, RELEASED;

    public String wire() {
        return name().toLowerCase();
    }

    public boolean isActive() {
        return this != RELEASED;
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<SeatStatus, String> {
        @Override
        public String convertToDatabaseColumn(SeatStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public SeatStatus convertToEntityAttribute(String value) {
            return value == null ? null : SeatStatus.valueOf(value.toUpperCase());
        }
    }
}
