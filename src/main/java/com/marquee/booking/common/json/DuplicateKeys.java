package com.marquee.booking.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;

/** Reads which field a {@code STRICT_DUPLICATE_DETECTION} failure is about, as a body path like {@code seats[0].row}. */
public final class DuplicateKeys {

    private static final String MESSAGE_PREFIX = "Duplicate field '";

    private DuplicateKeys() {
    }

    /** The path of the key sent twice, or null if {@code e} is another kind of parse error. */
    public static String fieldOf(JsonParseException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith(MESSAGE_PREFIX)) {
            return null;
        }
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String path = path(parser.getParsingContext());
            if (!path.isEmpty()) {
                return path;
            }
        }
        int end = message.indexOf('\'', MESSAGE_PREFIX.length());
        return end < 0 ? "" : message.substring(MESSAGE_PREFIX.length(), end);
    }

    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        String name = context.getCurrentName();
        return name == null ? parent : parent.isEmpty() ? name : parent + "." + name;
    }
}
