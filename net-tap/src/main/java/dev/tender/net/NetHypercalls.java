package dev.tender.net;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HostIo;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.module.TenderKind;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.ManifestEntry;
import java.util.List;

/** NET_WRITE and NET_READ (docs/abi.md §7.7): one write/read between the TAP fd and guest memory per frame. */
final class NetHypercalls {
    /** The hypercall numbers (docs/abi.md §7.1). */
    static final int NET_WRITE = 6;
    static final int NET_READ = 7;
    private static final int HANDLE = 0;
    private static final int DATA = 8;
    private static final int LEN = 16;
    private static final int RET = 24;
    private static final int SIZE = 32;

    private NetHypercalls() {
    }

    static void register(TenderKind.Hvt hvt, List<ManifestEntry> entries) {
        GuestMemory mem = hvt.memory();
        hvt.hypercalls().register(NET_WRITE, "NET_WRITE", gpa -> write(mem, entries, gpa));
        hvt.hypercalls().register(NET_READ, "NET_READ", gpa -> read(mem, entries, gpa));
    }

    /** The NET_BASIC entry with manifest index {@code handle}, or null. */
    static ManifestEntry device(List<ManifestEntry> entries, long handle) {
        if (Long.compareUnsigned(handle, entries.size()) >= 0) {
            return null;
        }
        ManifestEntry e = entries.get((int) handle);
        return e.type() == DeviceType.NET_BASIC ? e : null;
    }

    /**
     * Validates the request structure at {@code gpa} and returns the NET device it names, or answers EINVAL and
     * returns null when the handle is not a NET_BASIC index.
     */
    private static ManifestEntry requestedDevice(GuestMemory mem, List<ManifestEntry> entries, long gpa)
            throws GuestAccessException {
        mem.checkGuest(gpa, SIZE);
        ManifestEntry e = device(entries, mem.getLong(gpa + HANDLE));
        if (e == null) {
            mem.putInt(gpa + RET, Solo5Result.EINVAL);
        }
        return e;
    }

    private static void write(GuestMemory mem, List<ManifestEntry> entries, long gpa)
            throws GuestAccessException, TenderException {
        ManifestEntry e = requestedDevice(mem, entries, gpa);
        if (e == null) {
            return;
        }
        long len = mem.getLong(gpa + LEN);
        long host = mem.hostAddress(mem.getLong(gpa + DATA), len);
        HostIo.write(e.hostFd(), host, len);
        mem.putInt(gpa + RET, Solo5Result.OK);
    }

    private static void read(GuestMemory mem, List<ManifestEntry> entries, long gpa)
            throws GuestAccessException, TenderException {
        ManifestEntry e = requestedDevice(mem, entries, gpa);
        if (e == null) {
            return;
        }
        long len = mem.getLong(gpa + LEN);
        long host = mem.hostAddressForWrite(mem.getLong(gpa + DATA), len);
        long n;
        try {
            n = LibC.readNonBlocking(e.hostFd(), host, len);
        } catch (ErrnoException x) {
            throw HostIo.failed(x, false);
        }
        if (n == 0 || n == LibC.WOULD_BLOCK) {
            mem.putInt(gpa + RET, Solo5Result.AGAIN);
            return;
        }
        mem.putLong(gpa + LEN, n);
        mem.putInt(gpa + RET, Solo5Result.OK);
    }
}
