package dev.tender.manifest.json;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns jackson's syntax errors into the messages of Solo5's JSON parser:
 * {@code premature EOF in JSON data}, or {@code <what> on line N in JSON data}
 * with Solo5's {@code <what>} where the cause can be told, else jackson's own
 * description in the same shape.
 */
final class JsonSyntax {
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\(.*?\\(code (\\d+)");
    private static final Pattern CTRL_CHAR = Pattern.compile("^Illegal (unquoted )?character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern BAD_ESCAPE = Pattern.compile("^Unrecognized character escape .*?\\(code (\\d+)\\)");
    private static final Pattern BAD_TOKEN = Pattern.compile("^Unrecognized token '(.*?)':");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");

    private JsonSyntax() {
    }

    static ManifestJsonException prematureEof() {
        return new ManifestJsonException("premature EOF in JSON data");
    }

    static ManifestJsonException translate(JsonProcessingException e, JsonTreeReader r) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = "syntax error";
        }
        if (JsonTreeReader.isEof(e) || msg.startsWith("Unexpected end-of-input")) {
            return prematureEof();
        }
        long off = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (off < 0) {
            off = 0;
        }
        Matcher m;
        if ((m = UNEXPECTED_CHAR.matcher(msg)).find()) {
            char c = (char) Integer.parseInt(m.group(1));
            boolean leadingComma = c == ',' && JsonTreeReader.atFirstEntry(e);
            if (msg.contains("double-quote to start field name")) {
                return at(leadingComma ? "missing value before comma" : "missing quote from string", off, r);
            }
            if (msg.contains("expecting a colon")) {
                return at("expected colon in object element", off, r);
            }
            if (msg.contains("hex-digit")) {
                return at("expected hex digit", off, r);
            }
            if (leadingComma && msg.contains("expected a valid value")) {
                return at("missing value before comma", off, r);
            }
            return at("unexpected '" + c + "'", off, r);
        }
        if ((m = CTRL_CHAR.matcher(msg)).find()) {
            int code = Integer.parseInt(m.group(2));
            if (m.group(1) == null) {
                return at("unexpected '" + (char) code + "'", off, r);
            }
            if (code == ' ' || (code >= '\t' && code <= '\r')) {
                return at("unescaped whitespace", off, r);
            }
            return at(String.format("unknown byte (0x%02x)", code), off, r);
        }
        if ((m = BAD_ESCAPE.matcher(msg)).find()) {
            return at("unknown escape code '\\" + (char) Integer.parseInt(m.group(1)) + "'", off, r);
        }
        if ((m = BAD_TOKEN.matcher(msg)).find()) {
            return badToken(off - m.group(1).length(), r);
        }
        if ((m = CLOSE_MARKER.matcher(msg)).find()) {
            String what = m.group(2).equals("}") ? "missing quote from string" : "unexpected '" + m.group(1) + "'";
            return at(what, off, r);
        }
        if (msg.startsWith("Invalid numeric value: Leading zeroes")) {
            return at("unexpected '" + r.charAt(off) + "'", off, r);
        }
        return at(clean(msg), off, r);
    }

    /** A word that is not {@code true}, {@code false} or {@code null}: check it the way Solo5 does. */
    private static ManifestJsonException badToken(long start, JsonTreeReader r) {
        char first = r.charAt(start);
        String word = first == 'f' ? "false" : first == 'n' ? "null" : first == 't' ? "true" : null;
        if (start < 0 || word == null) {
            return at("unexpected '" + first + "'", Math.max(start, 0), r);
        }
        for (int k = 0; k < word.length(); k++) {
            long pos = start + k;
            if (pos >= r.length()) {
                return prematureEof();
            }
            if (r.charAt(pos) != word.charAt(k)) {
                return at("expected " + word, pos, r);
            }
        }
        long after = start + word.length();
        return after >= r.length() ? prematureEof() : at("unexpected '" + r.charAt(after) + "'", after, r);
    }

    private static String clean(String msg) {
        String s = msg;
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        for (String cut : new String[] {" (for ", " (start marker", " at [Source"}) {
            int i = s.indexOf(cut);
            if (i > 0) {
                s = s.substring(0, i);
            }
        }
        return s;
    }

    private static ManifestJsonException at(String what, long offset, JsonTreeReader r) {
        /* Solo5 formats <what> into a C buffer first, so a NUL ends it there. */
        return new ManifestJsonException(ByteStrings.cstr(what) + " on line " + r.lineAt(offset)
                + " in JSON data");
    }
}
