package com.marquee.booking.payment.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.marquee.booking.common.json.StorableTextDeserializer;

/**
 * {@code created_by}: the seed clients send the paying user's integer id ({@code "created_by": 1}), newer ones
 * a string; both are the same payer, kept as text. Nothing else (floats, booleans, objects) is a payer.
 */
public final class PayerDeserializer extends StdScalarDeserializer<String> {

    public PayerDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
            return parser.getBigIntegerValue().toString();
        }
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            // the same rule as every other string: nothing PostgreSQL cannot keep as sent
            return StorableTextDeserializer.checked(parser, parser.getText());
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
