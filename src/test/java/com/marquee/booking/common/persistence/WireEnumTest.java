package com.marquee.booking.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.marquee.booking.booking.BookingStatus;
import com.marquee.booking.payment.PaymentStatus;
import com.marquee.booking.seat.SeatStatus;

/** Statuses are stored and sent as lower-case names; each enum's converter reads back what it wrote. */
class WireEnumTest {

    @Test
    void theWireNameIsTheLowerCaseName() {
        assertEquals("on_hold", SeatStatus.ON_HOLD.wire());
        assertEquals("refunding", PaymentStatus.REFUNDING.wire());
        assertEquals("pending", BookingStatus.PENDING.wire());
    }

    @Test
    void everyConverterRoundTripsEveryValue() {
        roundTrip(new BookingStatus.DbConverter(), BookingStatus.values());
        roundTrip(new PaymentStatus.DbConverter(), PaymentStatus.values());
        roundTrip(new SeatStatus.DbConverter(), SeatStatus.values());
    }

    @Test
    void nullStaysNull() {
        PaymentStatus.DbConverter converter = new PaymentStatus.DbConverter();
        assertNull(converter.convertToDatabaseColumn(null));
        assertNull(converter.convertToEntityAttribute(null));
    }

    @Test
    void aColumnValueNoEnumKnowsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new SeatStatus.DbConverter().convertToEntityAttribute("lost"));
    }

    private static <E extends Enum<E> & WireEnum> void roundTrip(WireEnum.ColumnConverter<E> converter, E[] values) {
        for (E value : values) {
            String column = converter.convertToDatabaseColumn(value);
            assertEquals(value.wire(), column);
            assertEquals(value, converter.convertToEntityAttribute(column));
        }
    }
}
