package dev.tender.hvt.boot;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.manifest.elf.ProgramHeader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Loads an image's PT_LOAD segments into guest memory with Solo5's checks, in Solo5's order and words
 * (hvt-abi §4.4), and applies the segments' protections to the host mapping.
 */
public final class ElfLoader {
    public static final long MIN_LOAD_ADDRESS = 0x100000L;
    private static final long PAGE = 0x1000L;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    private static final int PF_R = 4;
    private static final int PT_LOAD = 1;
    private static final int CHUNK = 1 << 30;

    /** Entry point and the highest aligned end of the loaded segments ({@code kernel_end}). */
    public record Loaded(long entry, long end) {
    }

    private ElfLoader() {
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    /** Loads {@code image}; bounds use the full allocation, as Solo5 does. */
    public static Loaded load(ElfImage image, GuestMemory mem) throws TenderException {
        String inv = image.name() + ": invalid executable: ";
        long memSize = mem.allocationSize();
        long entry = image.entry();
        if (lt(entry, MIN_LOAD_ADDRESS) || !lt(entry, memSize)) {
            throw new TenderException(inv + "e_entry does not fall within the memory allocation range ("
                    + u(entry) + " < " + u(MIN_LOAD_ADDRESS) + " || " + u(entry) + " >= " + u(memSize) + ")");
        }
        long end = 0;
        long lastVaddr = 0;
        for (ProgramHeader ph : image.programHeaders()) {
            if (ph.filesz() == 0 || ph.type() != PT_LOAD) {
                continue;
            }
            String at = inv + "phdr[" + ph.index() + "]";
            long vaddr = ph.vaddr();
            long align = ph.align();
            if (lt(vaddr, MIN_LOAD_ADDRESS)) {
                throw new TenderException(at + ".p_vaddr outside of valid memory range (" + u(vaddr) + " < "
                        + u(MIN_LOAD_ADDRESS) + ")");
            }
            if (lt(vaddr, lastVaddr)) {
                throw new TenderException(at + ".p_vaddr is not in ascending order (" + u(vaddr) + " < "
                        + u(lastVaddr) + ")");
            }
            lastVaddr = vaddr;
            if (align == 0 || (align & (align - 1)) != 0) {
                throw new TenderException(at + ".p_vaddr is outside of memory range (align_down with " + u(vaddr)
                        + " (p_vaddr) and " + u(align) + " (p_align) failed)");
            }
            long start = vaddr & -align;
            if (lt(start, MIN_LOAD_ADDRESS)) {
                throw new TenderException(at + ".p_vaddr_start is outside of memory range (" + u(start) + " < "
                        + u(MIN_LOAD_ADDRESS) + " (p_min_loadaddr))");
            }
            if (lt(start, end)) {
                throw new TenderException(at + ".p_vaddr_start is outside of memory range (" + u(start) + " < "
                        + u(end) + " (e_end))");
            }
            String fileSeg = at + " program file segment falls outside of valid range (";
            if (!lt(vaddr, memSize)) {
                throw new TenderException(fileSeg + u(vaddr) + " >= " + u(memSize) + " (mem_size))");
            }
            long fileEnd = vaddr + ph.filesz();
            if (lt(fileEnd, vaddr)) {
                throw new TenderException(fileSeg + u(vaddr) + " (p_vaddr) + " + u(ph.filesz())
                        + " (p_filesz) overflow)");
            }
            if (lt(memSize, fileEnd)) {
                throw new TenderException(fileSeg + u(fileEnd) + " (p_vaddr + p_filesz) > " + u(memSize)
                        + " (mem_size))");
            }
            String memSeg = at + " program memory segment falls outside of valid range (";
            if (lt(ph.memsz(), ph.filesz())) {
                throw new TenderException(memSeg + u(ph.memsz()) + " (p_memsz) < " + u(ph.filesz())
                        + " (p_filesz))");
            }
            long memEnd = vaddr + ph.memsz();
            if (lt(memEnd, vaddr)) {
                throw new TenderException(memSeg + u(vaddr) + " (p_vaddr) + " + u(ph.memsz())
                        + " (p_memsz) overflow)");
            }
            long alignedEnd = (memEnd + (align - 1)) & -align;
            if (lt(memEnd + (align - 1), memEnd)) {
                throw new TenderException(memSeg + "align_up with " + u(memEnd) + " (p_vaddr_end) and " + u(align)
                        + " (p_align) failed)");
            }
            if (lt(memSize, alignedEnd)) {
                throw new TenderException(memSeg + u(alignedEnd) + " (p_vaddr + p_memsz) > " + u(memSize)
                        + " (mem_size))");
            }
            if (lt(end, alignedEnd)) {
                end = alignedEnd;
            }
            copySegment(image, mem, ph);
            mem.fill(fileEnd, ph.memsz() - ph.filesz(), (byte) 0);
            String page = at + " p_vaddr_";
            if ((start & (PAGE - 1)) != 0) {
                throw new TenderException(page + "start not aligned with architectural page size (" + u(start)
                        + " & (" + (PAGE - 1) + " - 1))");
            }
            if ((alignedEnd & (PAGE - 1)) != 0) {
                throw new TenderException(page + "end not aligned with architectural page size ("
                        + u(alignedEnd) + " & (" + (PAGE - 1) + " - 1))");
            }
            if ((ph.flags() & PF_W) != 0 && (ph.flags() & PF_X) != 0) {
                throw new TenderException(at + " requests WRITE and EXEC permissions");
            }
            protect(image, mem, start, alignedEnd - start, ph.flags());
        }
        return new Loaded(entry, end);
    }

    private static void copySegment(ElfImage image, GuestMemory mem, ProgramHeader ph) throws TenderException {
        long done = 0;
        long want = ph.filesz();
        try {
            while (done < want) {
                int len = (int) Math.min(CHUNK, want - done);
                ByteBuffer dst = mem.buffer(ph.vaddr() + done, len);
                int n = 0;
                while (dst.hasRemaining()) {
                    int r = image.channel().read(dst, ph.offset() + done + n);
                    if (r <= 0) {
                        break;
                    }
                    n += r;
                }
                done += n;
                if (n < len) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new TenderException(image.name() + ": phdr[" + ph.index() + "] pread_in_full returned "
                    + u(-1L));
        }
        if (done != want) {
            throw new TenderException(image.name() + ": phdr[" + ph.index()
                    + "] host file segment mismatched (pread_in_full returned " + done + " != " + u(want)
                    + " (p_filesz))");
        }
    }

    /** Host protections: PF_R → read, PF_W → write, PF_X → read (never host-executable). */
    private static void protect(ElfImage image, GuestMemory mem, long start, long len, int flags)
            throws TenderException {
        int prot = LibC.PROT_NONE;
        if ((flags & (PF_R | PF_X)) != 0) {
            prot |= LibC.PROT_READ;
        }
        if ((flags & PF_W) != 0) {
            prot |= LibC.PROT_WRITE;
        }
        try {
            mem.protect(start, len, prot);
        } catch (ErrnoException e) {
            throw new TenderException(image.name() + ": mprotect failed");
        }
    }
}
