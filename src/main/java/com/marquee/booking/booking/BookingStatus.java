package com.marquee.booking.booking;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** pending -> confirmed | cancelled; confirmed -> cancelled (refunded). */
public enum BookingStatus {
    PENDING, CONFIRMED, CANCELLED;

    public String wire() {
        return name().toLowerCase();
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<BookingStatus, String> {
        @Override
        public String convertToDatabaseColumn(BookingStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public BookingStatus convertToEntityAttribute(String value) {
            return value == null ? null : BookingStatus.valueOf(value.toUpperCase());
        }
    }
}
