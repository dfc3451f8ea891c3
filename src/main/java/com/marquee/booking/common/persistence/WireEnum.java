package com.marquee.booking.common.persistence;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * An enum stored and sent as its lower-case name ({@code ON_HOLD} is {@code "on_hold"}), the way the seed
 * schema and the API spell statuses.
 */
public interface WireEnum {

    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Base of the per-enum JPA converters (JPA needs one concrete class per attribute type). */
    abstract class ColumnConverter<E extends Enum<E> & WireEnum> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected ColumnConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wire();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
    }
}
