package com.marquee.booking.common.json;

/**
 * What text we accept from clients: anything but control characters (U+0000-U+001F other than tab, line
 * feed and carriage return, and U+007F-U+009F) and unpaired surrogates. PostgreSQL cannot store U+0000 at
 * all; the others have no business in a name or an id and make logs and exports lie.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The index of the first character we refuse, or -1 if the text is fine. */
    public static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }
}
