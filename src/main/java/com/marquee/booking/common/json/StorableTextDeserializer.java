package com.marquee.booking.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Every string a client sends may end up in a PostgreSQL text column, a log line or another system. Text
 * that cannot be kept as sent is refused here, once for all fields, instead of failing in the database
 * (U+0000 answers 500 there) or being altered silently (half a surrogate pair becomes {@code ?} in UTF-8).
 */
public final class StorableTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return checked(parser, super.deserialize(parser, context));
    }

    /** {@code text} if {@link StorableText} accepts it (null passes); else the failure Jackson reports for the field. */
    public static String checked(JsonParser parser, String text) throws UnstorableTextException {
        int at = text == null ? -1 : StorableText.firstUnstorable(text);
        if (at >= 0) {
            throw new UnstorableTextException(parser, text.codePointAt(at));
        }
        return text;
    }
}
