package dev.tender.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 images for tests: a header, a program header table
 * right after it, then each segment's bytes in order. Every field can be
 * overridden afterwards with {@link #patch} to break the image on purpose.
 */
public final class TestElf {
    public static final int ABI1 = 0x31494241;
    public static final int MFT1 = 0x3154464d;

    private int machine = 62;
    private int type = 2;
    private long entry = 0x100000;
    private final List<Segment> segments = new ArrayList<>();

    /** A program header and its contents (contents go after the table). */
    public static final class Segment {
        public int type;
        public int flags;
        public long vaddr;
        public long align = 4;
        public byte[] data;
        /** When set, replaces the computed p_filesz. */
        public Long filesz;
        /** When set, replaces the computed p_offset. */
        public Long offset;

        Segment(int type, byte[] data) {
            this.type = type;
            this.data = data;
        }
    }

    public TestElf machine(int m) {
        this.machine = m;
        return this;
    }

    public TestElf entry(long e) {
        this.entry = e;
        return this;
    }

    public Segment add(int type, byte[] data) {
        Segment s = new Segment(type, data);
        segments.add(s);
        return s;
    }

    public Segment note(byte[] note) {
        return add(4, note);
    }

    /** A Solo5-named note with the given type, descsz and content bytes. */
    public static byte[] solo5Note(int type, long descsz, byte[] desc) {
        ByteBuffer b = ByteBuffer.allocate(20 + desc.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(6).putInt((int) descsz).putInt(type).put(new byte[] {'S', 'o', 'l', 'o', '5', 0, 0, 0});
        b.put(desc);
        return b.array();
    }

    public static byte[] abiNote(int target, int version) {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(target).putInt(version).putInt(0).putInt(0);
        return solo5Note(ABI1, 16, d.array());
    }

    /** The OpenBSD ident note Solo5 images carry as their first PT_NOTE. */
    public static byte[] openBsdNote() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8).putInt(4).putInt(1).put(new byte[] {'O', 'p', 'e', 'n', 'B', 'S', 'D', 0}).putInt(0);
        return b.array();
    }

    /** An hvt-like image: a text PT_LOAD, then the OpenBSD, ABI and manifest notes. */
    public static TestElf hvtImage(byte[] manifestNote) {
        TestElf t = solo5Image(1, 62);
        if (manifestNote != null) {
            t.note(manifestNote);
        }
        return t;
    }

    /** A Solo5 image for ABI target {@code target} (1 hvt, 2 spt), ABI version 2, for ELF machine {@code machine}. */
    public static TestElf solo5Image(int target, int machine) {
        TestElf t = new TestElf().machine(machine);
        Segment text = t.add(1, new byte[] {(byte) 0xf4});
        text.flags = 1;
        text.vaddr = 0x100000;
        text.align = 0x1000;
        t.note(openBsdNote());
        t.note(abiNote(target, 2));
        return t;
    }

    public byte[] build() {
        int phoff = 64;
        long off = phoff + 56L * segments.size();
        ByteBuffer out = ByteBuffer.allocate((int) off + segments.stream().mapToInt(s -> s.data.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(phoff).putLong(0);
        out.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) segments.size())
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);
        for (Segment s : segments) {
            out.putInt(s.type).putInt(s.flags).putLong(s.offset != null ? s.offset : off).putLong(s.vaddr)
                    .putLong(s.vaddr).putLong(s.filesz != null ? s.filesz : s.data.length)
                    .putLong(s.data.length).putLong(s.align);
            off += s.data.length;
        }
        for (Segment s : segments) {
            out.put(s.data);
        }
        return out.array();
    }

    /** Overwrites bytes at {@code offset} (little-endian value of {@code width} bytes). */
    public static byte[] patch(byte[] image, int offset, int width, long value) {
        byte[] b = image.clone();
        for (int i = 0; i < width; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    public Path write(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, build());
        return p;
    }
}
