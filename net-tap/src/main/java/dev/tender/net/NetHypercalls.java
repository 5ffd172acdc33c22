package dev.tender.net;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HostIo;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestRange;
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
    static final int HANDLE = 0;
    static final int DATA = 8;
    static final int LEN = 16;
    static final int RET = 24;
    static final int SIZE = 32;

    private final List<ManifestEntry> entries;
    private final NetCounters[] counters;
    private final GuestRange args;
    private final GuestRange frame;

    private NetHypercalls(TenderKind.Hvt hvt, List<ManifestEntry> entries, NetCounters[] counters) {
        this.entries = entries;
        this.counters = counters;
        this.args = hvt.newGuestRange();
        this.frame = hvt.newGuestRange();
    }

    static void register(TenderKind.Hvt hvt, List<ManifestEntry> entries, NetCounters[] counters) {
        hvt.hypercalls().register(NET_WRITE, "NET_WRITE", new NetHypercalls(hvt, entries, counters)::write);
        hvt.hypercalls().register(NET_READ, "NET_READ", new NetHypercalls(hvt, entries, counters)::read);
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
     * Checks the request structure at {@code gpa} and returns the NET device it names, or answers EINVAL and
     * returns null when the handle is not a NET_BASIC index.
     */
    private ManifestEntry requestedDevice(long gpa) throws GuestAccessException {
        args.request(gpa, SIZE);
        ManifestEntry e = device(entries, args.getLong(HANDLE));
        if (e == null) {
            args.putInt(RET, Solo5Result.EINVAL);
        }
        return e;
    }

    private void write(long gpa) throws GuestAccessException, TenderException {
        ManifestEntry e = requestedDevice(gpa);
        if (e == null) {
            return;
        }
        frame.request(args.getLong(DATA), args.getLong(LEN));
        HostIo.write(e.hostFd(), frame);
        counters[e.index()].sent(frame.size());
        args.putInt(RET, Solo5Result.OK);
    }

    private void read(long gpa) throws GuestAccessException, TenderException {
        ManifestEntry e = requestedDevice(gpa);
        if (e == null) {
            return;
        }
        frame.request(args.getLong(DATA), args.getLong(LEN));
        long n;
        try {
            n = LibC.readNonBlocking(e.hostFd(), frame.hostAddressForWrite(), frame.size());
        } catch (ErrnoException x) {
            throw HostIo.failed(x, false);
        }
        if (n == 0 || n == LibC.WOULD_BLOCK) {
            args.putInt(RET, Solo5Result.AGAIN);
            return;
        }
        counters[e.index()].received(n);
        args.putLong(LEN, n);
        args.putInt(RET, Solo5Result.OK);
    }
}
