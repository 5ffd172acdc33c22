package dev.tender.block;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HostIo;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestRange;
import dev.tender.core.module.TenderKind;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.ManifestEntry;
import java.util.List;

/**
 * BLOCK_WRITE and BLOCK_READ (docs/abi.md §7.6): the data moves with one pwrite/pread straight between the
 * backing file and guest memory. Like solo5-hvt, the tender checks bounds against the capacity, not the
 * block size or alignment (the guest's bindings do that).
 */
final class BlockHypercalls {
    /** The hypercall numbers (docs/abi.md §7.1). */
    static final int BLOCK_WRITE = 4;
    static final int BLOCK_READ = 5;
    static final int HANDLE = 0;
    static final int OFFSET = 8;
    static final int DATA = 16;
    static final int LEN = 24;
    static final int RET = 32;
    static final int SIZE = 40;

    private final List<ManifestEntry> entries;
    private final BlockCounters[] counters;
    private final boolean write;
    private final GuestRange args;
    private final GuestRange buffer;

    private BlockHypercalls(TenderKind.Hvt hvt, List<ManifestEntry> entries, BlockCounters[] counters,
            boolean write) {
        this.entries = entries;
        this.counters = counters;
        this.write = write;
        this.args = hvt.newGuestRange();
        this.buffer = hvt.newGuestRange();
    }

    static void register(TenderKind.Hvt hvt, List<ManifestEntry> entries, BlockCounters[] counters) {
        hvt.hypercalls().register(BLOCK_WRITE, "BLOCK_WRITE", new BlockHypercalls(hvt, entries, counters, true)::transfer);
        hvt.hypercalls().register(BLOCK_READ, "BLOCK_READ", new BlockHypercalls(hvt, entries, counters, false)::transfer);
    }

    private void transfer(long gpa) throws GuestAccessException, TenderException {
        args.request(gpa, SIZE);
        long handle = args.getLong(HANDLE);
        long offset = args.getLong(OFFSET);
        long data = args.getLong(DATA);
        long len = args.getLong(LEN);
        ManifestEntry e = Long.compareUnsigned(handle, entries.size()) < 0 ? entries.get((int) handle) : null;
        if (e == null || e.type() != DeviceType.BLOCK_BASIC) {
            args.putInt(RET, Solo5Result.EINVAL);
            return;
        }
        long capacity = e.capacity();
        long end = offset + len;
        if (len < 0 || Long.compareUnsigned(offset, capacity) >= 0 || Long.compareUnsigned(end, offset) < 0
                || Long.compareUnsigned(end, capacity) > 0) {
            args.putInt(RET, Solo5Result.EINVAL);
            return;
        }
        buffer.request(data, len);
        if (write) {
            HostIo.pwrite(e.hostFd(), buffer, offset);
        } else {
            HostIo.pread(e.hostFd(), buffer, offset);
        }
        counters[e.index()].done(write, len);
        args.putInt(RET, Solo5Result.OK);
    }
}
