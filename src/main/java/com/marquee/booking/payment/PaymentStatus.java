package com.marquee.booking.payment;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** pending -> processing -> completed | failed; completed -> refunding -> refunded (see V4 migration). */
public enum PaymentStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, REFUNDING, REFUNDED;

    public String wire() {
        return name().toLowerCase();
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<PaymentStatus, String> {
        @Override
        public String convertToDatabaseColumn(PaymentStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public PaymentStatus convertToEntityAttribute(String value) {
            return value == null ? null : PaymentStatus.valueOf(value.toUpperCase());
        }
    }
}
