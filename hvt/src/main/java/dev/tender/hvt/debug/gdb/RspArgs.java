package dev.tender.hvt.debug.gdb;

import java.nio.charset.StandardCharsets;

/**
 * The hex numbers and hex data of gdb packets. Numbers are unsigned and at most 64 bits (16 digits); anything else,
 * like an empty field, a sign, a non-hex digit or a 17th digit, is {@link Malformed}.
 */
final class RspArgs {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final int MAX_DIGITS = 16;

    private RspArgs() {
    }

    /** A packet argument that cannot be parsed; the session answers it with an error reply. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** An unsigned hex number of 1 to 16 digits (addresses and lengths), as the 64 bits of a long. */
    static long number(String text) throws Malformed {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            throw new Malformed("not a 64-bit hex number: " + text.length() + " digits");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            value = (value << 4) | digit(text.charAt(i));
        }
        return value;
    }

    /** A hex number that must fit an int (a point type or kind). */
    static int smallNumber(String text) throws Malformed {
        long value = number(text);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new Malformed("number too large");
        }
        return (int) value;
    }

    /** Splits {@code text} at {@code separator} into exactly {@code count} fields. */
    static String[] fields(String text, char separator, int count) throws Malformed {
        String[] parts = new String[count];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int at = text.indexOf(separator, start);
            if (at < 0) {
                throw new Malformed("missing '" + separator + "'");
            }
            parts[i] = text.substring(start, at);
            start = at + 1;
        }
        parts[count - 1] = text.substring(start);
        return parts;
    }

    /** The bytes of an even-length hex string, two digits a byte. */
    static byte[] bytes(String hex) throws Malformed {
        if (hex.length() % 2 != 0) {
            throw new Malformed("odd number of hex digits");
        }
        byte[] data = new byte[hex.length() / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (digit(hex.charAt(2 * i)) << 4 | digit(hex.charAt(2 * i + 1)));
        }
        return data;
    }

    /** Two lower-case hex digits a byte. */
    static String hex(byte[] data) {
        char[] text = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            text[2 * i] = DIGITS[(data[i] >> 4) & 0xf];
            text[2 * i + 1] = DIGITS[data[i] & 0xf];
        }
        return new String(text);
    }

    /** A byte as two lower-case hex digits (checksums, signal and exit numbers). */
    static String hexByte(int value) {
        return new String(new char[] {DIGITS[(value >> 4) & 0xf], DIGITS[value & 0xf]});
    }

    /** The value of one hex digit, or -1 for any other character. */
    static int digitOrMinus(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** True when {@code [addr, addr + len)} lies inside {@code [0, size)}, all three taken as unsigned. */
    static boolean inside(long addr, long len, long size) {
        return Long.compareUnsigned(len, size) <= 0 && Long.compareUnsigned(addr, size - len) <= 0;
    }

    /** The payload as text, one char a byte (packets are bytes; ISO-8859-1 maps them one to one). */
    static String text(byte[] payload, int length) {
        return new String(payload, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static int digit(char c) throws Malformed {
        int value = digitOrMinus(c);
        if (value < 0) {
            throw new Malformed("not a hex digit");
        }
        return value;
    }
}
