package dev.tender.hvt.debug.core;

import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes the ELF64 core of a guest, as upstream {@code solo5-hvt-debug --dumpcore} does: an ELF header
 * (ET_CORE, OSABI 255), two program headers, one NT_PRSTATUS note, then guest memory from guest-physical 0.
 *
 * <p>File layout: the header at 0, the PT_NOTE and PT_LOAD program headers at 64, the note at 176, and the
 * memory at {@code 176 + note size}, upstream's offset (not page aligned). Only the host pages that mincore(2)
 * reports resident are written; the others stay holes in a sparse file and read back as zeros, which is what
 * a never-touched page of the guest holds. (A guest page the host swapped out is not resident either, and is
 * lost the same way, as it is upstream.) The file is extended to its full size even when the last page is a
 * hole.
 *
 * <p>The prstatus fields this class fills, {@code pr_cursig} and {@code pr_pid}, sit at the same offsets in
 * every 64-bit Linux {@code struct elf_prstatus}; what differs per architecture is in the {@link CoreLayout}.
 */
public final class CoreFile {
    /** Offset of {@code pr_cursig} (a short) in struct elf_prstatus. */
    public static final int PR_CURSIG = 12;
    /** Offset of {@code pr_pid} (an int) in struct elf_prstatus. */
    public static final int PR_PID = 32;

    static final int EHDR_SIZE = 64;
    static final int PHDR_SIZE = 56;
    static final int PHDR_COUNT = 2;
    static final int NOTE_OFFSET = EHDR_SIZE + PHDR_COUNT * PHDR_SIZE;
    static final int NOTE_HEADER = 12;
    /** "CORE" and its terminating NUL: the name length gdb and BFD look for. */
    static final int NOTE_NAME_SIZE = 5;
    /** The name field, padded to a multiple of 4. */
    static final int NOTE_NAME_FIELD = 8;
    static final int NT_PRSTATUS = 1;
    static final int ET_CORE = 4;
    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    static final int ELFOSABI_STANDALONE = 255;
    /** The most memory one write hands to the kernel. */
    static final int WRITE_CHUNK = 1 << 20;
    /** Pages whose residency one mincore call asks for. */
    static final int MINCORE_PAGES = 16384;

    /**
     * What {@link #write} put in the file.
     *
     * @param pages      resident pages written
     * @param totalPages pages of guest memory, written or left as holes
     * @param pageSize   the host page size both counts are in
     */
    public record Dumped(long pages, long totalPages, long pageSize) {
    }

    private CoreFile() {
    }

    /** Offset of the memory in the file: after the headers and the note. */
    public static long memoryOffset(CoreLayout layout) {
        return NOTE_OFFSET + noteSize(layout);
    }

    /**
     * Writes the core to {@code out}, which is truncated first so that no hole keeps older bytes; the channel is
     * left open. {@code prReg} is the architecture's {@code pr_reg}, exactly {@code layout.prRegSize()} bytes;
     * {@code signal} becomes {@code pr_cursig}, {@code pid} {@code pr_pid}; guest memory {@code [0, memSize)} is
     * dumped.
     */
    public static Dumped write(FileChannel out, CoreLayout layout, byte[] prReg, int signal, int pid,
            GuestMemory mem, long memSize) throws IOException, ErrnoException {
        if (prReg.length != layout.prRegSize()) {
            throw new IllegalArgumentException("pr_reg is " + prReg.length + " bytes, not " + layout.prRegSize());
        }
        if (memSize < 0 || memSize > mem.allocationSize()) {
            throw new IllegalArgumentException("memory size " + memSize + " outside the guest allocation");
        }
        out.truncate(0);
        writeFully(out, headers(layout, prReg, signal, pid, memSize), 0);
        return writeMemory(out, memoryOffset(layout), mem, memSize);
    }

    private static int noteSize(CoreLayout layout) {
        return NOTE_HEADER + NOTE_NAME_FIELD + layout.prstatusSize();
    }

    /** The ELF header, both program headers and the note, as one little-endian buffer. */
    static ByteBuffer headers(CoreLayout layout, byte[] prReg, int signal, int pid, long memSize) {
        int noteSize = noteSize(layout);
        ByteBuffer b = ByteBuffer.allocate(NOTE_OFFSET + noteSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, (byte) ELFOSABI_STANDALONE});
        b.position(16);
        b.putShort((short) ET_CORE).putShort((short) layout.elfMachine()).putInt(1);
        b.putLong(0).putLong(EHDR_SIZE).putLong(0);
        b.putInt(0).putShort((short) EHDR_SIZE).putShort((short) PHDR_SIZE).putShort((short) PHDR_COUNT);
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        programHeader(b, PT_NOTE, NOTE_OFFSET, noteSize, 0);
        programHeader(b, PT_LOAD, NOTE_OFFSET + noteSize, memSize, memSize);
        b.putInt(NOTE_NAME_SIZE).putInt(layout.prstatusSize()).putInt(NT_PRSTATUS);
        b.put("CORE".getBytes(StandardCharsets.US_ASCII));
        int prstatus = NOTE_OFFSET + NOTE_HEADER + NOTE_NAME_FIELD;
        b.putShort(prstatus + PR_CURSIG, (short) signal);
        b.putInt(prstatus + PR_PID, pid);
        b.put(prstatus + layout.prRegOffset(), prReg);
        return b.position(0);
    }

    private static void programHeader(ByteBuffer b, int type, long offset, long filesz, long memsz) {
        b.putInt(type).putInt(0).putLong(offset).putLong(0).putLong(0).putLong(filesz).putLong(memsz).putLong(0);
    }

    /** Writes each run of resident pages at {@code base + gpa}, then sets the file's length. */
    private static Dumped writeMemory(FileChannel out, long base, GuestMemory mem, long memSize)
            throws IOException, ErrnoException {
        long page = LibC.pageSize();
        long totalPages = (memSize + page - 1) / page;
        long dumped = 0;
        try (NativeMemory vec = new NativeMemory(MINCORE_PAGES)) {
            for (long first = 0; first < totalPages; first += MINCORE_PAGES) {
                int count = (int) Math.min(MINCORE_PAGES, totalPages - first);
                LibC.mincore(mem.hostBase() + first * page, count * page, vec.address());
                int i = 0;
                while (i < count) {
                    if (!resident(vec, i)) {
                        i++;
                        continue;
                    }
                    int start = i;
                    while (i < count && resident(vec, i)) {
                        i++;
                    }
                    long gpa = (first + start) * page;
                    long end = Math.min((first + i) * page, memSize);
                    writeRange(out, base, mem, gpa, end);
                    dumped += i - start;
                }
            }
        }
        long fileEnd = base + memSize;
        if (out.size() < fileEnd) {
            writeFully(out, ByteBuffer.allocate(1), fileEnd - 1);
        }
        return new Dumped(dumped, totalPages, page);
    }

    private static boolean resident(NativeMemory vec, int page) {
        return (vec.getByte(page) & 1) != 0;
    }

    /** Writes guest memory {@code [gpa, end)} at {@code base + gpa}, through direct buffers over the mapping. */
    private static void writeRange(FileChannel out, long base, GuestMemory mem, long gpa, long end)
            throws IOException {
        for (long at = gpa; at < end; at += WRITE_CHUNK) {
            int len = (int) Math.min(WRITE_CHUNK, end - at);
            writeFully(out, mem.buffer(at, len), base + at);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer src, long position) throws IOException {
        long at = position;
        while (src.hasRemaining()) {
            at += out.write(src, at);
        }
    }
}
