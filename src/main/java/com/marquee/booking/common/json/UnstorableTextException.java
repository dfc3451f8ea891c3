package com.marquee.booking.common.json;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string carries a character {@link StorableText} refuses; Jackson adds the field's path. */
public class UnstorableTextException extends MismatchedInputException {

    private final int codePoint;

    UnstorableTextException(JsonParser parser, int codePoint) {
        super(parser, "Text contains " + describe(codePoint), String.class);
        this.codePoint = codePoint;
    }

    /** What a client is told about the field, e.g. "must not contain control characters (found U+0000)". */
    public String problem() {
        return "must not contain control characters or unpaired surrogates (found " + describe(codePoint) + ")";
    }

    private static String describe(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}
