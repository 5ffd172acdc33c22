package dev.tender.core.module;

/**
 * The sscanf(3) conversions Solo5's module options use, so that tender accepts and rejects exactly the same
 * arguments: {@code PREFIX%67[A-Za-z0-9]=} followed by {@code %Ns}, {@code %hu} or a MAC address.
 */
public final class OptionScan {
    /** MFT_NAME_MAX: the longest device name. */
    public static final int NAME_MAX = 67;

    private final String arg;
    private int pos;

    private OptionScan(String arg, int pos) {
        this.arg = arg;
        this.pos = pos;
    }

    /**
     * Matches {@code prefix}, then up to 67 ASCII alphanumerics (at least one), then {@code '='}. Returns null
     * when that fails (the option is then "not handled", like an sscanf that matched too little).
     */
    public static OptionScan named(String arg, String prefix) {
        if (!arg.startsWith(prefix)) {
            return null;
        }
        int start = prefix.length();
        int i = start;
        while (i < arg.length() && i - start < NAME_MAX && isAlnum(arg.charAt(i))) {
            i++;
        }
        if (i == start || i >= arg.length() || arg.charAt(i) != '=') {
            return null;
        }
        OptionScan s = new OptionScan(arg, i + 1);
        s.name = arg.substring(start, i);
        return s;
    }

    private String name;

    /** A device name and the word after its {@code '='}. */
    public record NamedWord(String name, String word) {
    }

    /**
     * {@code PREFIX%67[A-Za-z0-9]=%Ns} in one step (a device option naming a host resource): null when either
     * conversion fails.
     */
    public static NamedWord namedWord(String arg, String prefix, int max) {
        OptionScan scan = named(arg, prefix);
        String word = scan == null ? null : scan.word(max);
        return word == null ? null : new NamedWord(scan.name(), word);
    }

    public String name() {
        return name;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** {@code %Ns}: skips white space, then takes up to {@code max} non-space characters (null if none). */
    public String word(int max) {
        int i = pos;
        while (i < arg.length() && isSpace(arg.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < arg.length() && i - start < max && !isSpace(arg.charAt(i))) {
            i++;
        }
        return i == start ? null : arg.substring(start, i);
    }

    /** {@code %hu}: an optionally signed decimal, reduced modulo 2^16 (-1 when there are no digits). */
    public int unsignedShort() {
        int i = pos;
        while (i < arg.length() && isSpace(arg.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < arg.length() && (arg.charAt(i) == '+' || arg.charAt(i) == '-')) {
            negative = arg.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        while (i < arg.length() && arg.charAt(i) >= '0' && arg.charAt(i) <= '9') {
            value = Math.min(value * 10 + (arg.charAt(i) - '0'), Long.MAX_VALUE / 20);
            i++;
        }
        if (i == start) {
            return -1;
        }
        return (int) ((negative ? -value : value) & 0xFFFF);
    }

    /** {@code %02hhx:} × 6: six groups of one or two hex digits separated by colons (null if malformed). */
    public byte[] mac() {
        byte[] mac = new byte[6];
        int i = pos;
        for (int g = 0; g < 6; g++) {
            if (g > 0) {
                if (i >= arg.length() || arg.charAt(i) != ':') {
                    return null;
                }
                i++;
            }
            int start = i;
            int v = 0;
            while (i < arg.length() && i - start < 2 && Character.digit(arg.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(arg.charAt(i), 16);
                i++;
            }
            if (i == start) {
                return null;
            }
            mac[g] = (byte) v;
        }
        return mac;
    }
}
