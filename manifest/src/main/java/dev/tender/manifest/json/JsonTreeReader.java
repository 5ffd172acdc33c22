package dev.tender.manifest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses JSON with jackson-core's streaming parser into {@link JsonNode}s that
 * carry Solo5's line numbers. The input is taken byte for byte (each byte one
 * char, ISO-8859-1), as the C parser does, and strings are unescaped the same
 * way it does ({@code \\uXXXX} becomes the UTF-8 bytes of that code unit).
 * Only the first JSON value is read; whatever follows it is ignored.
 *
 * <p>Syntax errors become Solo5's messages where the cause can be told
 * ({@link JsonSyntax}); the texts are byte strings.
 */
final class JsonTreeReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final char[] in;
    private final int[] newlines;
    private JsonParser parser;

    private JsonTreeReader(byte[] input) {
        this.in = new char[input.length];
        int[] nl = new int[16];
        int count = 0;
        for (int i = 0; i < input.length; i++) {
            in[i] = (char) (input[i] & 0xff);
            if (input[i] == '\n') {
                if (count == nl.length) {
                    nl = Arrays.copyOf(nl, count * 2);
                }
                nl[count++] = i;
            }
        }
        this.newlines = Arrays.copyOf(nl, count);
    }

    /** Parses the first JSON value of {@code input}. */
    static JsonNode read(byte[] input) throws ManifestJsonException {
        return new JsonTreeReader(input).parse();
    }

    /** 1-based line of the char at {@code offset}, counting a newline at offset itself. */
    int lineAt(long offset) {
        int idx = Arrays.binarySearch(newlines, (int) Math.min(offset, Integer.MAX_VALUE));
        return 1 + (idx >= 0 ? idx + 1 : -idx - 1);
    }

    private JsonNode parse() throws ManifestJsonException {
        try (JsonParser p = FACTORY.createParser(in, 0, in.length)) {
            parser = p;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw JsonSyntax.prematureEof();
            }
            return value(t, 1);
        } catch (JsonProcessingException e) {
            throw JsonSyntax.translate(e, this);
        } catch (IOException e) {
            throw JsonSyntax.prematureEof();
        }
    }

    private JsonNode value(JsonToken t, int line) throws IOException, ManifestJsonException {
        JsonParser p = parser;
        switch (t) {
            case START_OBJECT: {
                List<JsonNode> items = new ArrayList<>();
                for (JsonToken k = next(); k != JsonToken.END_OBJECT; k = next()) {
                    String key = rawString(p.currentTokenLocation().getCharOffset());
                    JsonToken v = next();
                    JsonNode child = value(v, colonLine(p.currentTokenLocation().getCharOffset()));
                    child.key = key;
                    items.add(child);
                }
                return new JsonNode(JsonNode.Kind.OBJECT, line, null, 0, items);
            }
            case START_ARRAY: {
                List<JsonNode> items = new ArrayList<>();
                for (JsonToken v = next(); v != JsonToken.END_ARRAY; v = next()) {
                    items.add(value(v, lineAt(p.currentTokenLocation().getCharOffset())));
                }
                return new JsonNode(JsonNode.Kind.ARRAY, line, null, 0, items);
            }
            case VALUE_STRING:
                p.getText(); /* let jackson check the whole string first */
                return new JsonNode(JsonNode.Kind.STRING, line,
                        rawString(p.currentTokenLocation().getCharOffset()), 0, null);
            case VALUE_NUMBER_INT:
                return new JsonNode(JsonNode.Kind.INTEGER, line, null, saturate(p.getText()), null);
            case VALUE_NUMBER_FLOAT:
                return new JsonNode(JsonNode.Kind.REAL, line, null, 0, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new JsonNode(JsonNode.Kind.BOOLEAN, line, null, 0, null);
            case VALUE_NULL:
                return new JsonNode(JsonNode.Kind.NULL, line, null, 0, null);
            default:
                throw new IllegalStateException("unexpected token " + t);
        }
    }

    private JsonToken next() throws IOException, ManifestJsonException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw JsonSyntax.prematureEof();
        }
        return t;
    }

    /** Like strtoll: out-of-range values clamp to the long range. */
    private static long saturate(String digits) {
        BigInteger v = new BigInteger(digits);
        return v.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    /** The line of the colon before the value starting at {@code valueOffset}. */
    private int colonLine(long valueOffset) {
        int i = (int) valueOffset - 1;
        while (i > 0 && in[i] != ':') {
            i--;
        }
        return lineAt(Math.max(i, 0));
    }

    /** Unescapes the string literal whose opening quote is at {@code offset}. */
    private String rawString(long offset) {
        StringBuilder sb = new StringBuilder();
        int i = (int) offset + 1;
        while (i < in.length) {
            char c = in[i++];
            if (c == '"') {
                break;
            }
            if (c != '\\' || i >= in.length) {
                sb.append(c);
                continue;
            }
            char e = in[i++];
            switch (e) {
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': {
                    int end = Math.min(i + 4, in.length);
                    int cp = Integer.parseInt(new String(in, i, end - i), 16);
                    i = end;
                    appendUtf8(sb, cp);
                    break;
                }
                default: sb.append(e); break;
            }
        }
        return sb.toString();
    }

    private static void appendUtf8(StringBuilder sb, int cp) {
        if (cp <= 0x7f) {
            sb.append((char) cp);
        } else if (cp <= 0x7ff) {
            sb.append((char) (0xc0 | (cp >> 6))).append((char) (0x80 | (cp & 0x3f)));
        } else {
            sb.append((char) (0xe0 | (cp >> 12))).append((char) (0x80 | ((cp >> 6) & 0x3f)))
                    .append((char) (0x80 | (cp & 0x3f)));
        }
    }

    char charAt(long offset) {
        return offset >= 0 && offset < in.length ? in[(int) offset] : 0;
    }

    int length() {
        return in.length;
    }

    /** Whether the error came before the first entry of the innermost array or object. */
    static boolean atFirstEntry(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser) {
            JsonStreamContext ctx = ((JsonParser) e.getProcessor()).getParsingContext();
            return ctx == null || ctx.getCurrentIndex() <= 0;
        }
        return false;
    }

    static boolean isEof(JsonProcessingException e) {
        return e instanceof JsonEOFException;
    }
}
