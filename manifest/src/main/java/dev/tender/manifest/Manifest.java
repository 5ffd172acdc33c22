package dev.tender.manifest;

import dev.tender.manifest.elf.ElfImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A Solo5 application manifest, {@code struct mft} ({@code docs/manifest.md}
 * §1–§3): a version, and 1 to 64 entries of which the first is the reserved
 * one.
 */
public final class Manifest {
    /** {@code MFT_VERSION}. */
    public static final int VERSION = 1;
    /** {@code MFT_MAX_ENTRIES}, the reserved entry included. */
    public static final int MAX_ENTRIES = 64;
    /** Size of the {@code struct mft} header (version, entries). */
    public static final int HEADER_SIZE = 8;
    /** Note type "MFT1". */
    public static final int NOTE_TYPE = 0x3154464d;
    /** Internal alignment of {@code struct mft} inside the note. */
    public static final int NOTE_ALIGN = 8;
    /** Largest accepted {@code n_descsz}: 12 + 64 * 104. */
    public static final int NOTE_MAX_SIZE = 12 + MAX_ENTRIES * ManifestEntry.SIZE;
    /** Fatal message after listing unattached devices (without name prefix). */
    public static final String ALL_DEVICES_MUST_BE_ATTACHED =
            "All declared devices must be attached. See --help for syntax.";

    private final List<ManifestEntry> entries;

    private Manifest(List<ManifestEntry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /**
     * Decodes and validates a manifest (all nine rules of
     * {@code docs/manifest.md} §2), given the note's descriptor content
     * ({@code n_descsz - 4} bytes).
     *
     * @param content read from its position to its limit; little-endian
     *                regardless of the buffer's byte order
     */
    public static Manifest decode(ByteBuffer content) throws InvalidManifestException {
        ByteBuffer b = content.slice().order(ByteOrder.LITTLE_ENDIAN);
        long size = b.remaining();
        if (size < HEADER_SIZE) {
            throw new InvalidManifestException("size " + size + " is smaller than " + HEADER_SIZE);
        }
        int version = b.getInt(0);
        long count = Integer.toUnsignedLong(b.getInt(4));
        if (version != VERSION) {
            throw new InvalidManifestException("version " + Integer.toUnsignedString(version) + " is not 1");
        }
        if (count > MAX_ENTRIES) {
            throw new InvalidManifestException(count + " entries, more than " + MAX_ENTRIES);
        }
        if (size != HEADER_SIZE + count * ManifestEntry.SIZE) {
            throw new InvalidManifestException("size " + size + " does not match " + count + " entries");
        }
        if (count < 1) {
            throw new InvalidManifestException("no entries");
        }
        List<ManifestEntry> list = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[ManifestEntry.SIZE];
            b.get(HEADER_SIZE + i * ManifestEntry.SIZE, raw);
            list.add(new ManifestEntry(i, raw));
        }
        ManifestEntry first = list.get(0);
        if (first.typeCode() != DeviceType.RESERVED_FIRST.code()) {
            throw new InvalidManifestException("entry 0 is not of type MFT_RESERVED_FIRST");
        }
        if (first.nameBytes().length != 0) {
            throw new InvalidManifestException("entry 0 has a name");
        }
        for (ManifestEntry e : list) {
            if (!e.nameTerminated()) {
                throw new InvalidManifestException("entry " + e.index() + ": name is not terminated");
            }
            if (e.attached()) {
                throw new InvalidManifestException("entry " + e.index() + ": attached is set");
            }
        }
        return new Manifest(list);
    }

    /**
     * Reads and validates the MFT1 note of an image, with the tenders'
     * messages: {@code <name>: No Solo5 manifest found in executable} and
     * {@code <name>: Solo5 manifest is invalid}, besides the note loader's own.
     */
    public static Manifest fromImage(ElfImage img) throws ImageException {
        Optional<ByteBuffer> desc = img.findNote(NOTE_TYPE, NOTE_ALIGN, NOTE_MAX_SIZE);
        if (desc.isEmpty()) {
            throw new ImageException(img.name() + ": No Solo5 manifest found in executable");
        }
        try {
            return decode(desc.get());
        } catch (InvalidManifestException e) {
            throw new ImageException(img.name() + ": Solo5 manifest is invalid");
        }
    }

    /**
     * Builds a manifest as {@code solo5-elftool gen-manifest} declares it: the
     * reserved entry followed by the given devices.
     *
     * @throws IllegalArgumentException for more than 63 devices, a name that is
     *         empty, longer than 67 characters or not ASCII alphanumeric, or
     *         a type other than BLOCK_BASIC / NET_BASIC
     */
    public static Manifest of(List<Device> devices) {
        if (devices.size() > MAX_ENTRIES - 1) {
            throw new IllegalArgumentException("too many entries, maximum " + (MAX_ENTRIES - 1));
        }
        List<ManifestEntry> list = new ArrayList<>(devices.size() + 1);
        list.add(ManifestEntry.create(0, new byte[0], DeviceType.RESERVED_FIRST.code()));
        for (Device d : devices) {
            if (d.type() != DeviceType.BLOCK_BASIC && d.type() != DeviceType.NET_BASIC) {
                throw new IllegalArgumentException("invalid device type: " + d.type());
            }
            if (!isValidName(d.name())) {
                throw new IllegalArgumentException("invalid device name: '" + d.name() + "'");
            }
            byte[] name = d.name().getBytes(StandardCharsets.US_ASCII);
            list.add(ManifestEntry.create(list.size(), name, d.type().code()));
        }
        return new Manifest(list);
    }

    /** A device declaration for {@link #of(List)}. */
    public record Device(String name, DeviceType type) {
    }

    /** Whether elftool accepts a device name: 1 to 67 ASCII alphanumerics. */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > ManifestEntry.NAME_MAX) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** All entries, the reserved entry 0 included; index = handle. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /**
     * The first entry of {@code type} whose name is {@code name}
     * ({@code docs/manifest.md} §3). The reserved entry never matches a
     * non-empty name.
     */
    public Optional<ManifestEntry> find(String name, DeviceType type) {
        if (type == DeviceType.UNDEFINED) {
            return Optional.empty();
        }
        byte[] want = name.getBytes(StandardCharsets.UTF_8);
        for (ManifestEntry e : entries) {
            if (e.typeCode() == type.code() && java.util.Arrays.equals(e.nameBytes(), want)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * One message per user entry (raw type below {@code MFT_RESERVED_FIRST})
     * that is not attached, in manifest order:
     * {@code Device '<name>' of type <type> declared but not attached.}. If
     * the list is not empty the tender prints each (as a warning) and then
     * fails with {@link #ALL_DEVICES_MUST_BE_ATTACHED}.
     */
    public List<String> unattachedMessages() {
        List<String> out = new ArrayList<>();
        for (ManifestEntry e : entries) {
            if (DeviceType.isUserDevice(e.typeCode()) && !e.attached()) {
                out.add("Device '" + e.name() + "' of type " + DeviceType.printName(e.typeCode())
                        + " declared but not attached.");
            }
        }
        return out;
    }

    /** Encoded size in bytes: {@code 8 + 104 * entries().size()}. */
    public int size() {
        return HEADER_SIZE + entries.size() * ManifestEntry.SIZE;
    }

    /**
     * The {@code struct mft} bytes as handed to the guest: {@link #size()}
     * bytes, little-endian, tender-private fields included.
     */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION).putInt(entries.size());
        for (ManifestEntry e : entries) {
            e.copyTo(b);
        }
        return b.array();
    }

    /**
     * The complete MFT1 ELF note as the toolchain emits it for this manifest
     * ({@code docs/manifest.md} §1.4): namesz 6, descsz {@code 12 + 104n}, type "MFT1", name
     * {@code "Solo5\0\0\0"}, 4 zero bytes of padding, then {@link #encode()}.
     */
    public byte[] noteBytes() {
        byte[] mft = encode();
        ByteBuffer b = ByteBuffer.allocate(24 + mft.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(6).putInt(4 + mft.length).putInt(NOTE_TYPE);
        b.put(new byte[] {'S', 'o', 'l', 'o', '5', 0, 0, 0});
        b.putInt(0);
        b.put(mft);
        return b.array();
    }

    @Override
    public String toString() {
        return "Manifest" + entries;
    }
}
