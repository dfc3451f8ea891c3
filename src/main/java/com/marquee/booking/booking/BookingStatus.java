package com.marquee.booking.booking;

import jakarta.persistence.Converter;

import com.marquee.booking.common.persistence.WireEnum;

/** pending -> confirmed | cancelled; confirmed -> cancelled (refunded). */
public enum BookingStatus implements WireEnum {
    PENDING, CONFIRMED, CANCELLED;

    @Converter(autoApply = true)
    public static class DbConverter extends WireEnum.ColumnConverter<BookingStatus> {
        public DbConverter() {
            super(BookingStatus.class);
        }
    }
}
