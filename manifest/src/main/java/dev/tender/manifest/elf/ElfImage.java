package dev.tender.manifest.elf;

import dev.tender.manifest.ImageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * A Solo5 unikernel image: its validated ELF64 header and program headers,
 * plus the reader of Solo5-owned notes ({@code docs/abi.md} §2.1–§2.2).
 *
 * <p>Every failure is an {@link ImageException} whose message matches Solo5's
 * note loader ({@code elf_load_note}) word for word, with the image name in
 * front. The image is treated as hostile: no input makes this class throw
 * anything else.
 */
public final class ElfImage {
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int ET_EXEC = 2;
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;
    /** Size of {@code Elf64_Ehdr}. */
    public static final int EHDR_SIZE = 64;
    /** Size of {@code Elf64_Nhdr}. */
    static final int NHDR_SIZE = 12;
    /** Size of the common part of a Solo5 note: Nhdr plus the 8-byte name. */
    static final int SOLO5_NHDR_SIZE = 20;
    private static final String INV_EXE = "invalid executable";

    private final FileChannel channel;
    private final String name;
    private final int machine;
    private final long entry;
    private final List<ProgramHeader> programHeaders;

    private ElfImage(FileChannel channel, String name, int machine, long entry,
                     List<ProgramHeader> programHeaders) {
        this.channel = channel;
        this.name = name;
        this.machine = machine;
        this.entry = entry;
        this.programHeaders = programHeaders;
    }

    /**
     * Reads and validates the ELF header and the program header table. The
     * caller keeps owning {@code ch} (this class never closes it); later
     * {@link #findNote} calls read from it again.
     *
     * @param ch              the image, read with positional reads only
     * @param name            the image name printed in messages: the path as
     *                        given on the command line
     * @param expectedMachine {@link #EM_X86_64} or {@link #EM_AARCH64}
     */
    public static ElfImage read(FileChannel ch, String name, int expectedMachine) throws ImageException {
        return read(ch, name, machine -> machine == expectedMachine);
    }

    /**
     * As {@link #read(FileChannel, String, int)}, accepting an image for any architecture Solo5 supports
     * ({@link #EM_X86_64}, {@link #EM_AARCH64}) whatever the host: {@link #machine()} tells which it is.
     */
    public static ElfImage readAnySolo5(FileChannel ch, String name) throws ImageException {
        return read(ch, name, ElfImage::isSolo5Machine);
    }

    private static ElfImage read(FileChannel ch, String name, IntPredicate accepted) throws ImageException {
        ByteBuffer eh = ByteBuffer.allocate(EHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long n = preadFully(ch, eh, 0);
        if (n < 0) {
            throw fail(name + ": pread_in_full for elf header while loading note returned "
                    + Long.toUnsignedString(n) + " < 0");
        }
        if (n != EHDR_SIZE) {
            throw fail(name + ": " + INV_EXE + ": elf header does not match the expected size ("
                    + n + " != " + EHDR_SIZE + ")");
        }
        if (!headerIsValid(eh, accepted)) {
            throw fail(name + ": " + INV_EXE
                    + ": invalid or unsupported executable (elf header invalid while loading note)");
        }
        long entry = eh.getLong(24);
        long phoff = eh.getLong(32);
        int phnum = Short.toUnsignedInt(eh.getShort(56));
        int phSize = phnum * ProgramHeader.SIZE;
        ByteBuffer ph = ByteBuffer.allocate(phSize).order(ByteOrder.LITTLE_ENDIAN);
        n = preadFully(ch, ph, phoff);
        if (n < 0) {
            throw fail(name + ": pread_in_full for ph_size returned " + Long.toUnsignedString(n)
                    + " < 0 while loading note");
        }
        if (n != phSize) {
            throw fail(name + ": " + INV_EXE + ": program header does not match the expected size ("
                    + n + " != " + phSize + " while loading note)");
        }
        List<ProgramHeader> list = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int b = i * ProgramHeader.SIZE;
            list.add(new ProgramHeader(i, ph.getInt(b), ph.getInt(b + 4), ph.getLong(b + 8),
                    ph.getLong(b + 16), ph.getLong(b + 24), ph.getLong(b + 32), ph.getLong(b + 40),
                    ph.getLong(b + 48)));
        }
        int machine = Short.toUnsignedInt(eh.getShort(18));
        return new ElfImage(ch, name, machine, entry, Collections.unmodifiableList(list));
    }

    /**
     * The machine of a file whose ELF header is valid for some architecture Solo5 supports; empty for anything
     * else (a short file, a bad header, another machine, a read error). Program headers are not looked at.
     */
    public static OptionalInt solo5Machine(FileChannel ch) {
        ByteBuffer eh = ByteBuffer.allocate(EHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (preadFully(ch, eh, 0) != EHDR_SIZE || !headerIsValid(eh, ElfImage::isSolo5Machine)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Short.toUnsignedInt(eh.getShort(18)));
    }

    private static boolean isSolo5Machine(int machine) {
        return machine == EM_X86_64 || machine == EM_AARCH64;
    }

    private static boolean headerIsValid(ByteBuffer h, IntPredicate machine) {
        return h.get(0) == 0x7f && h.get(1) == 'E' && h.get(2) == 'L' && h.get(3) == 'F'
                && h.get(4) == 2 /* ELFCLASS64 */
                && h.get(5) == 1 /* ELFDATA2LSB */
                && h.getInt(20) == 1 /* EV_CURRENT */
                && Short.toUnsignedInt(h.getShort(52)) == EHDR_SIZE
                && Short.toUnsignedInt(h.getShort(56)) >= 1
                && Short.toUnsignedInt(h.getShort(54)) == ProgramHeader.SIZE
                && Short.toUnsignedInt(h.getShort(16)) == ET_EXEC
                && machine.test(Short.toUnsignedInt(h.getShort(18)));
    }

    /**
     * The ELF machine this process runs on, which is what the Solo5 tools
     * accept ({@code EM_TARGET}): {@link #EM_X86_64}, {@link #EM_AARCH64}, or
     * -1 on any other host.
     */
    public static int hostMachine() {
        String arch = System.getProperty("os.arch", "");
        switch (arch) {
            case "amd64":
            case "x86_64":
                return EM_X86_64;
            case "aarch64":
            case "arm64":
                return EM_AARCH64;
            default:
                return -1;
        }
    }

    /** The name Linux gives the architecture of ELF machine {@code machine} ({@code uname -m}). */
    public static String archName(int machine) {
        switch (machine) {
            case EM_X86_64:
                return "x86_64";
            case EM_AARCH64:
                return "aarch64";
            default:
                return "machine " + machine;
        }
    }

    /**
     * Finds the first Solo5-owned note of {@code type}, following
     * {@code docs/abi.md} §2.2 (only the first note of each PT_NOTE segment is
     * examined).
     *
     * @param type        the note type, e.g. {@code 0x3154464d} for MFT1
     * @param align       internal alignment of the descriptor content (a power
     *                    of two; 4 for ABI1, 8 for MFT1)
     * @param maxDescSize the largest accepted {@code n_descsz}
     * @return the descriptor content (after the internal padding), a
     *         little-endian buffer positioned at 0; empty if there is no such
     *         note
     */
    public Optional<ByteBuffer> findNote(int type, int align, long maxDescSize) throws ImageException {
        if (align <= 0 || (align & (align - 1)) != 0) {
            throw new IllegalArgumentException("alignment must be a power of two: " + align);
        }
        ByteBuffer nh = ByteBuffer.allocate(SOLO5_NHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (ProgramHeader p : programHeaders) {
            if (p.type() != PT_NOTE) {
                continue;
            }
            int i = p.index();
            if (Long.compareUnsigned(p.filesz(), NHDR_SIZE) < 0) {
                throw fail(name + ": " + INV_EXE + ": phdr[" + i
                        + "].p_filesz note does not fall within valid size ("
                        + Long.toUnsignedString(p.filesz()) + " < " + NHDR_SIZE + ")");
            }
            if (Long.compareUnsigned(p.filesz(), SOLO5_NHDR_SIZE) < 0) {
                continue;
            }
            nh.clear();
            long n = preadFully(channel, nh, p.offset());
            if (n < 0) {
                throw fail(name + ": phdr[" + i + "] pread_in_full returned " + Long.toUnsignedString(n));
            }
            if (n != SOLO5_NHDR_SIZE) {
                throw fail(name + ": phdr[" + i + "] bytes read mismatches note size (" + n + " != "
                        + SOLO5_NHDR_SIZE + ")");
            }
            if (nh.getInt(0) != 6 || !isSolo5Name(nh) || nh.getInt(8) != type) {
                continue;
            }
            long descsz = Integer.toUnsignedLong(nh.getInt(4));
            if (descsz < 1 || descsz > maxDescSize) {
                throw fail(name + ": " + INV_EXE + ": phdr[" + i + "] note does not fall within valid size ("
                        + descsz + " < 1 || " + descsz + " > " + maxDescSize + ")");
            }
            if (Long.compareUnsigned(p.filesz(), SOLO5_NHDR_SIZE + descsz) < 0) {
                throw fail(name + ": " + INV_EXE + ": phdr[" + i + "] note does not fall within valid size ("
                        + Long.toUnsignedString(p.filesz()) + " < " + (SOLO5_NHDR_SIZE + descsz) + ")");
            }
            return Optional.of(readDescriptor(p, descsz, align));
        }
        return Optional.empty();
    }

    private ByteBuffer readDescriptor(ProgramHeader p, long descsz, int align) throws ImageException {
        int i = p.index();
        long noteOffset = (SOLO5_NHDR_SIZE + (align - 1)) & -(long) align;
        long pad = noteOffset - SOLO5_NHDR_SIZE;
        long size = descsz - pad; /* unsigned arithmetic: wraps when pad > descsz */
        if (size == 0 || Long.compareUnsigned(size, descsz) > 0) {
            String s = Long.toUnsignedString(size);
            throw fail(name + ": INV_EXE: phdr[" + i + "] note does not fall within valid size ("
                    + s + " <= 0 || " + s + " > " + descsz + ")");
        }
        ByteBuffer content = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        long n = preadFully(channel, content, p.offset() + noteOffset);
        if (n < 0) {
            throw fail(name + ": phdr[" + i + "] pread_in_full for note_data returned "
                    + Long.toUnsignedString(n) + " < 0");
        }
        if (n != size) {
            throw fail(name + ": phdr[" + i + "] bytes read mismatches note size (" + n + " != " + size + ")");
        }
        content.clear();
        return content;
    }

    private static boolean isSolo5Name(ByteBuffer nh) {
        byte[] want = {'S', 'o', 'l', 'o', '5', 0};
        for (int k = 0; k < want.length; k++) {
            if (nh.get(12 + k) != want[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads until {@code dst} is full or end of file, like Solo5's
     * {@code pread_in_full}: returns the number of bytes read, or -1 where
     * {@code pread(2)} would fail (an I/O error, a negative offset, or an
     * offset whose end overflows).
     */
    static long preadFully(FileChannel ch, ByteBuffer dst, long position) {
        long total = 0;
        try {
            while (dst.hasRemaining()) {
                long pos = position + total;
                if (pos < 0 || pos + dst.remaining() < 0) {
                    return -1;
                }
                int nr = ch.read(dst, pos);
                if (nr < 0) {
                    break;
                }
                total += nr;
            }
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
        return total;
    }

    private static ImageException fail(String message) {
        return new ImageException(message);
    }

    public long entry() {
        return entry;
    }

    public int machine() {
        return machine;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public FileChannel channel() {
        return channel;
    }

    public String name() {
        return name;
    }
}
