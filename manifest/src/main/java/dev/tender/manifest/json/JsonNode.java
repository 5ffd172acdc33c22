package dev.tender.manifest.json;

import java.util.List;

/**
 * A parsed JSON value with the line Solo5's parser would record for it:
 * 1 for the root, the line of the first character for an array element, and
 * the line of the colon for an object member.
 */
final class JsonNode {
    /** JSON value kinds, named as Solo5's elftool prints them. */
    enum Kind { NULL, BOOLEAN, STRING, ARRAY, OBJECT, INTEGER, REAL }

    final Kind kind;
    final int line;
    /** Member name (byte string, not NUL-truncated) or null outside objects. */
    String key;
    /** STRING: the value as a byte string. */
    final String text;
    /** INTEGER: the value, saturated to the long range like strtoll. */
    final long integer;
    /** ARRAY / OBJECT: the elements in document order. */
    final List<JsonNode> items;

    JsonNode(Kind kind, int line, String text, long integer, List<JsonNode> items) {
        this.kind = kind;
        this.line = line;
        this.text = text;
        this.integer = integer;
        this.items = items;
    }
}
