package com.marquee.booking.seat;

import jakarta.persistence.Converter;

import com.marquee.booking.common.persistence.WireEnum;

/** A booked seat's life: on_hold -> booked | released. */
public enum SeatStatus implements WireEnum {
    ON_HOLD, BOOKED, RELEASED;

    public boolean isActive() {
        return this != RELEASED;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireEnum.ColumnConverter<SeatStatus> {
        public DbConverter() {
            super(SeatStatus.class);
        }
    }
}
