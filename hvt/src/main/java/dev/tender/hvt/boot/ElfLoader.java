package dev.tender.hvt.boot;

import dev.tender.core.TenderException;
import dev.tender.core.image.SegmentPlan;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.manifest.elf.ElfImage;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Loads an image into hvt guest memory: Solo5's checks ({@link SegmentPlan}, bounds over the full
 * allocation), then each segment read straight from the file into guest memory and host-protected.
 */
public final class ElfLoader {
    private static final int CHUNK = 1 << 30;

    /** Entry point and the highest aligned end of the loaded segments ({@code kernel_end}). */
    public record Loaded(long entry, long end) {
    }

    private ElfLoader() {
    }

    /** Loads {@code image} ({@code fileSize} bytes long) into {@code mem}. */
    public static Loaded load(ElfImage image, long fileSize, GuestMemory mem) throws TenderException {
        SegmentPlan plan = SegmentPlan.of(image, mem.allocationSize(), fileSize);
        for (SegmentPlan.Segment s : plan.segments()) {
            copy(image, mem, s);
            mem.fill(s.vaddr() + s.filesz(), s.memsz() - s.filesz(), (byte) 0);
            protect(image, mem, s);
        }
        return new Loaded(plan.entry(), plan.end());
    }

    private static void copy(ElfImage image, GuestMemory mem, SegmentPlan.Segment s) throws TenderException {
        long done = 0;
        try {
            while (done < s.filesz()) {
                ByteBuffer dst = mem.buffer(s.vaddr() + done, (int) Math.min(CHUNK, s.filesz() - done));
                while (dst.hasRemaining()) {
                    int r = image.channel().read(dst, s.offset() + done);
                    if (r <= 0) {
                        throw new IOException("file shrank while loading");
                    }
                    done += r;
                }
            }
        } catch (IOException e) {
            throw new TenderException(image.name() + ": phdr[" + s.index() + "] host file segment mismatched "
                    + "(pread_in_full returned " + done + " != " + Long.toUnsignedString(s.filesz())
                    + " (p_filesz))");
        }
    }

    /** Host protections: PF_R → read, PF_W → write, PF_X → read (never host-executable). */
    private static void protect(ElfImage image, GuestMemory mem, SegmentPlan.Segment s) throws TenderException {
        int prot = LibC.PROT_NONE;
        if ((s.flags() & (SegmentPlan.PF_R | SegmentPlan.PF_X)) != 0) {
            prot |= LibC.PROT_READ;
        }
        if ((s.flags() & SegmentPlan.PF_W) != 0) {
            prot |= LibC.PROT_WRITE;
        }
        try {
            mem.protect(s.start(), s.end() - s.start(), prot);
        } catch (ErrnoException e) {
            throw new TenderException(image.name() + ": mprotect failed");
        }
    }
}
