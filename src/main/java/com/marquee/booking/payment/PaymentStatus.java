package com.marquee.booking.payment;

import jakarta.persistence.Converter;

import com.marquee.booking.common.persistence.WireEnum;

/** pending -> processing -> completed | failed; completed -> refunding -> refunded (see V4 migration). */
public enum PaymentStatus implements WireEnum {
    PENDING, PROCESSING, COMPLETED, FAILED, REFUNDING, REFUNDED;

    @Converter(autoApply = true)
    public static class DbConverter extends WireEnum.ColumnConverter<PaymentStatus> {
        public DbConverter() {
            super(PaymentStatus.class);
        }
    }
}
