package dev.tender.manifest.json;

import java.nio.charset.StandardCharsets;

/**
 * Helpers for "byte strings": Java strings whose chars are all in 0..255 and
 * stand for one byte each (ISO-8859-1). The JSON side of elftool works on
 * bytes like the C original does, so that whatever bytes a manifest holds
 * come out unchanged in messages and generated code.
 */
public final class ByteStrings {
    private ByteStrings() {
    }

    /** The UTF-8 bytes of an ordinary string, as a byte string. */
    public static String fromUnicode(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A byte string decoded as UTF-8 (malformed bytes become U+FFFD). */
    public static String toUnicode(String byteString) {
        return new String(toBytes(byteString), StandardCharsets.UTF_8);
    }

    public static byte[] toBytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The string up to its first NUL, as C sees it. */
    public static String cstr(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
