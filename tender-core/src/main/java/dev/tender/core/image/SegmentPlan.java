package dev.tender.core.image;

import dev.tender.core.TenderException;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.manifest.elf.ProgramHeader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Solo5's ELF loader checks (docs/abi.md §2.4), in its order and words, made before anything is loaded: which
 * PT_LOAD segments to copy where and which host range each one protects. hvt and spt share it; each tender
 * then copies the segments and maps the ELF flags to host protections in its own way.
 */
public final class SegmentPlan {
    public static final long MIN_LOAD_ADDRESS = 0x100000L;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;
    private static final long PAGE = 0x1000L;
    private static final int PT_LOAD = 1;

    /**
     * One PT_LOAD: {@code filesz} bytes at file {@code offset} go to {@code vaddr}, the bytes up to {@code memsz}
     * are zeroed, and {@code [start, end)} gets the protections of {@code flags} (PF_R/PF_W/PF_X).
     */
    public record Segment(int index, long offset, long vaddr, long filesz, long memsz, long start, long end,
            int flags) {
    }

    private final long entry;
    private final long end;
    private final List<Segment> segments;

    private SegmentPlan(long entry, long end, List<Segment> segments) {
        this.entry = entry;
        this.end = end;
        this.segments = Collections.unmodifiableList(segments);
    }

    public long entry() {
        return entry;
    }

    /** {@code kernel_end}: the highest aligned end of the loaded segments (BSS-only segments are skipped). */
    public long end() {
        return end;
    }

    public List<Segment> segments() {
        return segments;
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    private static TenderException fail(String message) {
        return new TenderException(message);
    }

    /**
     * Checks {@code image} for a guest memory of {@code memSize} bytes. {@code fileSize} predicts what reading
     * each segment returns, so that a truncated image fails with Solo5's short-read message.
     */
    public static SegmentPlan of(ElfImage image, long memSize, long fileSize) throws TenderException {
        String inv = image.name() + ": invalid executable: ";
        long entry = image.entry();
        if (lt(entry, MIN_LOAD_ADDRESS) || !lt(entry, memSize)) {
            throw fail(inv + "e_entry does not fall within the memory allocation range (" + u(entry) + " < "
                    + u(MIN_LOAD_ADDRESS) + " || " + u(entry) + " >= " + u(memSize) + ")");
        }
        long end = 0;
        long lastVaddr = 0;
        List<Segment> out = new ArrayList<>();
        for (ProgramHeader ph : image.programHeaders()) {
            if (ph.filesz() == 0 || ph.type() != PT_LOAD) {
                continue;
            }
            String at = inv + "phdr[" + ph.index() + "]";
            long vaddr = ph.vaddr();
            long align = ph.align();
            if (lt(vaddr, MIN_LOAD_ADDRESS)) {
                throw fail(at + ".p_vaddr outside of valid memory range (" + u(vaddr) + " < "
                        + u(MIN_LOAD_ADDRESS) + ")");
            }
            if (lt(vaddr, lastVaddr)) {
                throw fail(at + ".p_vaddr is not in ascending order (" + u(vaddr) + " < " + u(lastVaddr) + ")");
            }
            lastVaddr = vaddr;
            if (align == 0 || (align & (align - 1)) != 0) {
                throw fail(at + ".p_vaddr is outside of memory range (align_down with " + u(vaddr)
                        + " (p_vaddr) and " + u(align) + " (p_align) failed)");
            }
            long start = vaddr & -align;
            if (lt(start, MIN_LOAD_ADDRESS)) {
                throw fail(at + ".p_vaddr_start is outside of memory range (" + u(start) + " < "
                        + u(MIN_LOAD_ADDRESS) + " (p_min_loadaddr))");
            }
            if (lt(start, end)) {
                throw fail(at + ".p_vaddr_start is outside of memory range (" + u(start) + " < " + u(end)
                        + " (e_end))");
            }
            long segEnd = checkSizes(at, ph, memSize);
            if (lt(end, segEnd)) {
                end = segEnd;
            }
            long readable = lt(ph.offset(), fileSize) ? Math.min(ph.filesz(), fileSize - ph.offset()) : 0;
            if (Long.compareUnsigned(readable, ph.filesz()) != 0) {
                throw fail(image.name() + ": phdr[" + ph.index() + "] host file segment mismatched (pread_in_full "
                        + "returned " + u(readable) + " != " + u(ph.filesz()) + " (p_filesz))");
            }
            checkPages(at, start, segEnd, ph.flags());
            out.add(new Segment(ph.index(), ph.offset(), vaddr, ph.filesz(), ph.memsz(), start, segEnd, ph.flags()));
        }
        return new SegmentPlan(entry, end, out);
    }

    /** Checks f–l: the file and memory extents against {@code memSize}; returns the aligned end. */
    private static long checkSizes(String at, ProgramHeader ph, long memSize) throws TenderException {
        long vaddr = ph.vaddr();
        long align = ph.align();
        String fileSeg = at + " program file segment falls outside of valid range (";
        if (!lt(vaddr, memSize)) {
            throw fail(fileSeg + u(vaddr) + " >= " + u(memSize) + " (mem_size))");
        }
        long fileEnd = vaddr + ph.filesz();
        if (lt(fileEnd, vaddr)) {
            throw fail(fileSeg + u(vaddr) + " (p_vaddr) + " + u(ph.filesz()) + " (p_filesz) overflow)");
        }
        if (lt(memSize, fileEnd)) {
            throw fail(fileSeg + u(fileEnd) + " (p_vaddr + p_filesz) > " + u(memSize) + " (mem_size))");
        }
        String memSeg = at + " program memory segment falls outside of valid range (";
        if (lt(ph.memsz(), ph.filesz())) {
            throw fail(memSeg + u(ph.memsz()) + " (p_memsz) < " + u(ph.filesz()) + " (p_filesz))");
        }
        long memEnd = vaddr + ph.memsz();
        if (lt(memEnd, vaddr)) {
            throw fail(memSeg + u(vaddr) + " (p_vaddr) + " + u(ph.memsz()) + " (p_memsz) overflow)");
        }
        if (lt(memEnd + (align - 1), memEnd)) {
            throw fail(memSeg + "align_up with " + u(memEnd) + " (p_vaddr_end) and " + u(align)
                    + " (p_align) failed)");
        }
        long alignedEnd = (memEnd + (align - 1)) & -align;
        if (lt(memSize, alignedEnd)) {
            throw fail(memSeg + u(alignedEnd) + " (p_vaddr + p_memsz) > " + u(memSize) + " (mem_size))");
        }
        return alignedEnd;
    }

    /** Checks n–p: page alignment of the protected range and W^X. */
    private static void checkPages(String at, long start, long end, int flags) throws TenderException {
        if ((start & (PAGE - 1)) != 0) {
            throw fail(at + " p_vaddr_start not aligned with architectural page size (" + u(start) + " & ("
                    + (PAGE - 1) + " - 1))");
        }
        if ((end & (PAGE - 1)) != 0) {
            throw fail(at + " p_vaddr_end not aligned with architectural page size (" + u(end) + " & ("
                    + (PAGE - 1) + " - 1))");
        }
        if ((flags & PF_W) != 0 && (flags & PF_X) != 0) {
            throw fail(at + " requests WRITE and EXEC permissions");
        }
    }
}
