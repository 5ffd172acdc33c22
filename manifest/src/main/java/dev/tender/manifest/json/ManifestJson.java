package dev.tender.manifest.json;

import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON manifest ({@code docs/manifest.md} §4), checked exactly as
 * {@code solo5-elftool gen-manifest} checks it: same checks, same order, same
 * messages and line numbers. The device type string is not checked here
 * (elftool pastes it into C); {@link #toManifest} checks it for callers that
 * build the binary note directly.
 */
public final class ManifestJson {
    /** Most devices a manifest may declare (the reserved entry makes 64). */
    public static final int MAX_DEVICES = Manifest.MAX_ENTRIES - 1;

    /**
     * A declared device. {@code name} and {@code type} are byte strings (see
     * {@link ByteStrings}) cut at the first NUL, as C sees them; the lines are
     * those Solo5 reports.
     */
    public record Device(String name, String type, int line, int typeLine) {
    }

    private final String source;
    private final List<Device> devices;
    private final int entries;
    private final int devicesLine;

    private ManifestJson(String source, List<Device> devices, int entries, int devicesLine) {
        this.source = source;
        this.devices = List.copyOf(devices);
        this.entries = entries;
        this.devicesLine = devicesLine;
    }

    /**
     * Parses and checks a JSON manifest.
     *
     * @param input  the raw bytes of SOURCE
     * @param source SOURCE as given on the command line, for messages
     */
    public static ManifestJson parse(byte[] input, String source) throws ManifestJsonException {
        String src = ByteStrings.fromUnicode(source);
        JsonNode root = JsonTreeReader.read(input);
        expect(JsonNode.Kind.OBJECT, root, src, "(root)");
        JsonNode type = null;
        JsonNode version = null;
        JsonNode devs = null;
        int entries = 1;
        for (JsonNode m : root.items) {
            String key = ByteStrings.cstr(m.key);
            if (key.equals("type")) {
                expect(JsonNode.Kind.STRING, m, src, ".type");
                type = m;
            } else if (key.equals("version")) {
                expect(JsonNode.Kind.INTEGER, m, src, ".version");
                version = m;
            } else if (key.equals("devices")) {
                expect(JsonNode.Kind.ARRAY, m, src, ".devices");
                for (JsonNode d : m.items) {
                    expect(JsonNode.Kind.OBJECT, d, src, ".devices[]");
                    entries++;
                }
                devs = m;
            } else {
                throw fail(src, m.line, "(root): unknown key: " + key);
            }
        }
        if (type == null) {
            throw fail(src, root.line, "missing .type");
        }
        if (version == null) {
            throw fail(src, root.line, "missing .version");
        }
        if (devs == null) {
            throw fail(src, root.line, "missing .devices[]");
        }
        if (!ByteStrings.cstr(type.text).equals("solo5.manifest")) {
            throw fail(src, type.line, ".type: invalid value, expected \"solo5.manifest\"");
        }
        if (version.integer != Manifest.VERSION) {
            throw fail(src, version.line, ".version: invalid version " + version.integer + ", expected "
                    + Manifest.VERSION);
        }
        if (entries > Manifest.MAX_ENTRIES) {
            throw fail(src, devs.line, ".devices[]: too many entries, maximum " + MAX_DEVICES);
        }
        List<Device> out = new ArrayList<>();
        for (JsonNode d : devs.items) {
            out.add(device(d, src, entries, out));
        }
        return new ManifestJson(source, out, entries, devs.line);
    }

    private static Device device(JsonNode d, String src, int entries, List<Device> before)
            throws ManifestJsonException {
        JsonNode name = null;
        JsonNode type = null;
        for (JsonNode m : d.items) {
            String key = ByteStrings.cstr(m.key);
            if (key.equals("name")) {
                expect(JsonNode.Kind.STRING, m, src, ".devices[...]", entries, before);
                name = m;
            } else if (key.equals("type")) {
                expect(JsonNode.Kind.STRING, m, src, ".devices[...]", entries, before);
                type = m;
            } else {
                throw fail(src, m.line, ".devices[...]: unknown key: " + key, entries, before);
            }
        }
        if (name == null) {
            throw fail(src, d.line, ".devices[...]: missing .name", entries, before);
        }
        String n = ByteStrings.cstr(name.text);
        if (n.isEmpty()) {
            throw fail(src, name.line, ".devices[...]: .name may not be empty", entries, before);
        }
        if (n.length() > ManifestEntry.NAME_MAX) {
            throw fail(src, name.line, ".devices[...]: name too long", entries, before);
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw fail(src, name.line, ".devices[...]: name is not alphanumeric", entries, before);
            }
        }
        if (type == null) {
            throw fail(src, d.line, ".devices[...]: missing .type", entries, before);
        }
        return new Device(n, ByteStrings.cstr(type.text), d.line, type.line);
    }

    private static void expect(JsonNode.Kind want, JsonNode v, String src, String where)
            throws ManifestJsonException {
        expect(want, v, src, where, 0, List.of());
    }

    private static void expect(JsonNode.Kind want, JsonNode v, String src, String where, int entries,
                               List<Device> before) throws ManifestJsonException {
        if (v.kind != want) {
            throw fail(src, v.line, where + ": expected " + want + ", got " + v.kind, entries, before);
        }
    }

    private static ManifestJsonException fail(String src, int line, String what) {
        return fail(src, line, what, 0, List.of());
    }

    private static ManifestJsonException fail(String src, int line, String what, int entries,
                                              List<Device> before) {
        return new ManifestJsonException(src + ":" + line + ": " + what, entries, before);
    }

    /** The declared devices, in order. */
    public List<Device> devices() {
        return devices;
    }

    /**
     * The entry count elftool declares: one for the reserved entry plus one
     * per element of every {@code devices} member. It exceeds
     * {@code devices().size() + 1} only when {@code devices} appears more
     * than once (the last one wins, but all are counted, as in Solo5).
     */
    public int entries() {
        return entries;
    }

    /**
     * The binary manifest, for building the MFT1 note without a C compiler.
     * Fails, where the C build would, on a device type other than
     * {@code BLOCK_BASIC} or {@code NET_BASIC}:
     * {@code <source>:<line>: .devices[...]: unknown type: <type>}.
     */
    public Manifest toManifest() throws ManifestJsonException {
        String src = ByteStrings.fromUnicode(source);
        if (entries != devices.size() + 1) {
            throw fail(src, devicesLine, ".devices[]: declared more than once");
        }
        List<Manifest.Device> list = new ArrayList<>();
        for (Device d : devices) {
            DeviceType t;
            if (d.type().equals("BLOCK_BASIC")) {
                t = DeviceType.BLOCK_BASIC;
            } else if (d.type().equals("NET_BASIC")) {
                t = DeviceType.NET_BASIC;
            } else {
                throw fail(src, d.typeLine(),
                        ".devices[...]: unknown type: " + d.type());
            }
            list.add(new Manifest.Device(d.name(), t));
        }
        return Manifest.of(list);
    }
}
