package dev.tender.manifest.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import org.junit.jupiter.params.provider.Arguments;

class ManifestJsonTest {
    static final String HEAD = "{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n";

    /** A manifest whose device lines (one per string) start on line 5. */
    static String doc(String... deviceLines) {
        return HEAD + String.join(",\n", deviceLines) + (deviceLines.length > 0 ? "\n" : "") + "  ]\n}\n";
    }

    static ManifestJson parse(String json) throws ManifestJsonException {
        return ManifestJson.parse(json.getBytes(StandardCharsets.ISO_8859_1), "m.json");
    }

    static String error(String json) {
        try {
            parse(json);
        } catch (ManifestJsonException e) {
            return e.byteMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void acceptsTheSpecExample() throws Exception {
        ManifestJson m = parse(doc("    { \"name\": \"storage\", \"type\": \"BLOCK_BASIC\" }",
                "    { \"name\": \"service0\", \"type\": \"NET_BASIC\" }"));
        assertThat(m.devices()).containsExactly(new ManifestJson.Device("storage", "BLOCK_BASIC", 5, 5),
                new ManifestJson.Device("service0", "NET_BASIC", 6, 6));
        assertThat(m.entries()).isEqualTo(3);
    }

    static Stream<Arguments> semanticErrors() {
        String name67 = "n".repeat(67);
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            many.add("    { \"name\": \"storage" + i + "\", \"type\": \"BLOCK_BASIC\" }");
        }
        return Stream.of(
            arguments("[]", "m.json:1: (root): expected OBJECT, got ARRAY"),
            arguments("\n\n\"x\"", "m.json:1: (root): expected OBJECT, got STRING"),
            arguments("{\n\"type\": 1}", "m.json:2: .type: expected STRING, got INTEGER"),
            arguments("{\"version\": \"1\"}", "m.json:1: .version: expected INTEGER, got STRING"),
            arguments("{\"version\": 1.0}", "m.json:1: .version: expected INTEGER, got REAL"),
            arguments("{\"version\": 1e0}", "m.json:1: .version: expected INTEGER, got REAL"),
            arguments("{\"version\": 1.}", "m.json:1: .version: expected INTEGER, got REAL"),
            arguments("{\"version\": true}", "m.json:1: .version: expected INTEGER, got BOOLEAN"),
            arguments("{\"version\": false}", "m.json:1: .version: expected INTEGER, got BOOLEAN"),
            arguments("{\"version\": null}", "m.json:1: .version: expected INTEGER, got NULL"),
            arguments("{\"version\": []}", "m.json:1: .version: expected INTEGER, got ARRAY"),
            arguments("{\n\n\"devices\": {}}", "m.json:3: .devices: expected ARRAY, got OBJECT"),
            arguments("{\"devices\": [{},\n\n 7]}", "m.json:3: .devices[]: expected OBJECT, got INTEGER"),
            arguments("{\"type\": \"x\",\n \"foo\"\n :\n 1}", "m.json:3: (root): unknown key: foo"),
            arguments("{\"version\": 1, \"devices\": []}", "m.json:1: missing .type"),
            arguments("\n{\"type\": \"x\", \"devices\": []}", "m.json:1: missing .version"),
            arguments("{\"type\": \"x\",\n \"version\": 1}", "m.json:1: missing .devices[]"),
            arguments("{\"version\": 5,\n\"devices\": [],\n\"type\": \"solo5\"}",
                    "m.json:3: .type: invalid value, expected \"solo5.manifest\""),
            arguments("{\"type\": \"solo5.manifest\\u0000\", \"version\": 0, \"devices\": []}",
                    "m.json:1: .version: invalid version 0, expected 1"),
            arguments("{\"type\": \"solo5.manifest\", \"version\": -2, \"devices\": []}",
                    "m.json:1: .version: invalid version -2, expected 1"),
            arguments("{\"type\": \"solo5.manifest\", \"version\": 99999999999999999999, \"devices\": []}",
                    "m.json:1: .version: invalid version 9223372036854775807, expected 1"),
            arguments("{\"type\": \"solo5.manifest\", \"version\": -99999999999999999999, \"devices\": []}",
                    "m.json:1: .version: invalid version -9223372036854775808, expected 1"),
            arguments(doc(many.toArray(new String[0])), "m.json:4: .devices[]: too many entries, maximum 63"),
            arguments(doc("    { \"name\": \"a\",\n \"size\": 1 }"), "m.json:6: .devices[...]: unknown key: size"),
            arguments(doc("    { \"name\": 1 }"), "m.json:5: .devices[...]: expected STRING, got INTEGER"),
            arguments(doc("    { \"type\": [] }"), "m.json:5: .devices[...]: expected STRING, got ARRAY"),
            arguments(doc("  {\"name\": \"a\", \"type\": \"NET_BASIC\"},\n\n  { \"type\": \"NET_BASIC\" }"),
                    "m.json:7: .devices[...]: missing .name"),
            arguments(doc("  {\n \"name\":\n \"\", \"type\": \"NET_BASIC\"}"),
                    "m.json:6: .devices[...]: .name may not be empty"),
            arguments(doc("  {\"name\": \"\\u0000abc\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: .name may not be empty"),
            arguments(doc("  {\"name\": \"" + name67 + "n\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: name too long"),
            arguments(doc("  {\"name\": \"a-b\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: name is not alphanumeric"),
            arguments(doc("  {\"name\": \"caf\u00e9\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: name is not alphanumeric"),
            arguments(doc("  {\"name\": \"caf\\u00e9\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: name is not alphanumeric"),
            arguments(doc("  {\"name\": \"" + "\\u00e9".repeat(34) + "\", \"type\": \"NET_BASIC\"}"),
                    "m.json:5: .devices[...]: name too long"),
            arguments(doc("  {\"name\": \"a\"}"), "m.json:5: .devices[...]: missing .type"),
            // order of checks
            arguments("{\"bogus\": 1}", "m.json:1: (root): unknown key: bogus"),
            arguments("{\"devices\": [1], \"x\": 1}", "m.json:1: .devices[]: expected OBJECT, got INTEGER"),
            arguments("{\"type\": \"no\", \"version\": 2, \"devices\": []}",
                    "m.json:1: .type: invalid value, expected \"solo5.manifest\""),
            arguments(doc("  {\"name\": \"\", \"bad\": 1}"), "m.json:5: .devices[...]: unknown key: bad"),
            arguments(doc("  {\"type\": \"X\"}", "  {\"name\": \"\"}"), "m.json:5: .devices[...]: missing .name"),
            arguments(doc("  {\"name\": \"" + name67 + "-\"}"), "m.json:5: .devices[...]: name too long")
        );
    }

    @ParameterizedTest
    @MethodSource("semanticErrors")
    void semanticError(String json, String message) {
        assertThat(error(json)).isEqualTo(message);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
            arguments("", "premature EOF in JSON data"),
            arguments("  \n ", "premature EOF in JSON data"),
            arguments("{", "premature EOF in JSON data"),
            arguments("{\"type\": \"solo5", "premature EOF in JSON data"),
            arguments("[\"\\", "premature EOF in JSON data"),
            arguments("[tru", "premature EOF in JSON data"),
            arguments("{\n\"type\" \"x\"}", "expected colon in object element on line 2 in JSON data"),
            arguments("{\n\"type\"\n}", "expected colon in object element on line 3 in JSON data"),
            arguments("{type: 1}", "missing quote from string on line 1 in JSON data"),
            arguments("{\"a\": 1,\n]", "missing quote from string on line 2 in JSON data"),
            arguments("[1, x]", "unexpected 'x' on line 1 in JSON data"),
            arguments("[1, }", "unexpected '}' on line 1 in JSON data"),
            arguments("{\"a\": }", "unexpected '}' on line 1 in JSON data"),
            arguments("[\n\n\"a\\qb\"]", "unknown escape code '\\q' on line 3 in JSON data"),
            arguments("[\"\\u12x4\"]", "expected hex digit on line 1 in JSON data"),
            arguments("[\"a\nb\"]", "unescaped whitespace on line 2 in JSON data"),
            arguments("[\"a\tb\"]", "unescaped whitespace on line 1 in JSON data"),
            arguments("[\"a\u0001b\"]", "unknown byte (0x01) on line 1 in JSON data"),
            arguments("[nulx]", "expected null on line 1 in JSON data"),
            arguments("[\nfalse0]", "unexpected '0' on line 2 in JSON data"),
            arguments("[abc]", "unexpected 'a' on line 1 in JSON data"),
            arguments("[,1]", "missing value before comma on line 1 in JSON data"),
            arguments("{,}", "missing value before comma on line 1 in JSON data"),
            arguments("[01]", "unexpected '1' on line 1 in JSON data"),
            arguments("[-x]", "unexpected 'x' on line 1 in JSON data"),
            arguments("\u00ef\u00bb\u00bf{}", "unexpected '\u00ef' on line 1 in JSON data"),
            arguments("\u000b{}", "unexpected '\u000b' on line 1 in JSON data"),
            arguments("\u0000", "unexpected ' on line 1 in JSON data")
        );
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxError(String json, String message) {
        assertThat(error(json)).isEqualTo(message);
    }

    @Test
    void duplicateKeysLaterWins() throws Exception {
        ManifestJson m = parse("{\"version\": 2, \"type\": \"solo5.manifest\", \"version\": 1, \"devices\": [{}],"
                + " \"devices\": [{\"name\": \"a\", \"name\": \"b\", \"type\": \"X\"}]}");
        assertThat(m.devices()).containsExactly(new ManifestJson.Device("b", "X", 1, 1));
        assertThat(m.entries()).isEqualTo(3); // every devices member counts, as in Solo5
        assertThatThrownBy(m::toManifest).isInstanceOf(ManifestJsonException.class)
                .hasMessage("m.json:1: .devices[]: declared more than once");
    }

    @Test
    void keysAreComparedAsCStrings() throws Exception {
        ManifestJson m = parse("{\"type\\u0000junk\": \"solo5.manifest\", \"version\": 1, \"devices\": []}");
        assertThat(m.devices()).isEmpty();
    }

    @Test
    void onlyTheFirstValueIsRead() throws Exception {
        assertThat(parse(doc() + "} trailing ] garbage").entries()).isEqualTo(1);
    }

    @Test
    void trailingCommasAreAccepted() throws Exception {
        assertThat(parse("{\"type\": \"solo5.manifest\", \"version\": 1, \"devices\": [{\"name\": \"a\","
                + " \"type\": \"NET_BASIC\",},],}").devices()).hasSize(1);
    }

    @Test
    void typeIsNotValidatedButKeptByteForByte() throws Exception {
        ManifestJson m = parse(doc("  {\"name\": \"a\", \"type\": \"caf\u00e9 \\u00e9\\n\"}"));
        assertThat(m.devices().get(0).type()).isEqualTo("caf\u00e9 \u00c3\u00a9\n");
    }

    @Test
    void deviceFailureKeepsTheDevicesBefore() {
        try {
            parse(doc("  {\"name\": \"a\", \"type\": \"NET_BASIC\"}", "  {\"name\": \"b\", \"type\": \"X\"}",
                    "  {\"name\": \"c!\", \"type\": \"X\"}", "  {\"name\": \"d\", \"type\": \"X\"}"));
            throw new AssertionError();
        } catch (ManifestJsonException e) {
            assertThat(e.entries()).isEqualTo(5);
            assertThat(e.accepted()).extracting(ManifestJson.Device::name).containsExactly("a", "b");
            assertThat(e.getMessage()).isEqualTo("m.json:7: .devices[...]: name is not alphanumeric");
        }
    }

    @Test
    void toManifest() throws Exception {
        var m = parse(doc("  {\"name\": \"disk\", \"type\": \"BLOCK_BASIC\"}",
                "  {\"name\": \"net0\", \"type\": \"NET_BASIC\"}")).toManifest();
        assertThat(m.entries()).extracting(e -> e.name()).containsExactly("", "disk", "net0");
        assertThatThrownBy(() -> parse(doc("  {\"name\": \"a\",\n \"type\": \"BLOCK\"}")).toManifest())
                .hasMessage("m.json:6: .devices[...]: unknown type: BLOCK");
    }

    @Test
    void sourceNameIsPrintedAsGiven() {
        assertThatThrownBy(() -> ManifestJson.parse("[]".getBytes(), "dir/\u00fc.json"))
                .isInstanceOf(ManifestJsonException.class)
                .hasMessage("dir/\u00fc.json:1: (root): expected OBJECT, got ARRAY")
                .extracting(e -> ((ManifestJsonException) e).byteMessage())
                .isEqualTo("dir/\u00c3\u00bc.json:1: (root): expected OBJECT, got ARRAY");
    }
}
