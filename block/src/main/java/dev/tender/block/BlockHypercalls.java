package dev.tender.block;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HostIo;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
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
    private static final int HANDLE = 0;
    private static final int OFFSET = 8;
    private static final int DATA = 16;
    private static final int LEN = 24;
    private static final int RET = 32;
    private static final int SIZE = 40;

    private BlockHypercalls() {
    }

    static void register(TenderKind.Hvt hvt, List<ManifestEntry> entries) {
        GuestMemory mem = hvt.memory();
        hvt.hypercalls().register(BLOCK_WRITE, "BLOCK_WRITE", gpa -> transfer(mem, entries, gpa, true));
        hvt.hypercalls().register(BLOCK_READ, "BLOCK_READ", gpa -> transfer(mem, entries, gpa, false));
    }

    private static void transfer(GuestMemory mem, List<ManifestEntry> entries, long gpa, boolean write)
            throws GuestAccessException, TenderException {
        mem.checkGuest(gpa, SIZE);
        long handle = mem.getLong(gpa + HANDLE);
        long offset = mem.getLong(gpa + OFFSET);
        long data = mem.getLong(gpa + DATA);
        long len = mem.getLong(gpa + LEN);
        ManifestEntry e = Long.compareUnsigned(handle, entries.size()) < 0 ? entries.get((int) handle) : null;
        if (e == null || e.type() != DeviceType.BLOCK_BASIC) {
            mem.putInt(gpa + RET, Solo5Result.EINVAL);
            return;
        }
        long capacity = e.capacity();
        long end = offset + len;
        if (len < 0 || Long.compareUnsigned(offset, capacity) >= 0 || Long.compareUnsigned(end, offset) < 0
                || Long.compareUnsigned(end, capacity) > 0) {
            mem.putInt(gpa + RET, Solo5Result.EINVAL);
            return;
        }
        long host = write ? mem.hostAddress(data, len) : mem.hostAddressForWrite(data, len);
        if (write) {
            HostIo.pwrite(e.hostFd(), host, len, offset);
        } else {
            HostIo.pread(e.hostFd(), host, len, offset);
        }
        mem.putInt(gpa + RET, Solo5Result.OK);
    }
}
