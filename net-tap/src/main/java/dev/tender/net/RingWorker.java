package dev.tender.net;

import static dev.tender.net.HvtRing.COMMIT_ID;
import static dev.tender.net.HvtRing.COMMIT_LEN;
import static dev.tender.net.HvtRing.COMMIT_RET;
import static dev.tender.net.HvtRing.COM_TAIL;
import static dev.tender.net.HvtRing.ENTRY_DATA;
import static dev.tender.net.HvtRing.ENTRY_HANDLE;
import static dev.tender.net.HvtRing.ENTRY_ID;
import static dev.tender.net.HvtRing.ENTRY_LEN;
import static dev.tender.net.HvtRing.ENTRY_OPERATION;
import static dev.tender.net.HvtRing.ENT_HEAD;
import static dev.tender.net.HvtRing.ENT_TAIL;
import static dev.tender.net.HvtRing.NEEDS_KICK;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestRange;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.stats.Counter;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.manifest.ManifestEntry;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Ring I/O (docs/abi.md §8): one thread serves the guest's submission ring, spinning for a while and then
 * sleeping on an eventfd that the guest's doorbell (an ioeventfd) signals. Frames move with one read or
 * write between the TAP fd and guest memory.
 *
 * <p>The ring is guest memory, so the worker trusts none of it. It keeps its own copies of the two indices only
 * it writes ({@code ent_head}, {@code com_tail}) and publishes them, never reading them back: a guest that rewrites
 * them cannot make the worker serve an entry twice. And it serves at most {@value HvtRing#SLOTS} entries past its
 * own head: a guest never has more outstanding (it submits only while fewer are), so an {@code ent_tail} beyond
 * that, or behind the head, is a corrupt ring and fatal, instead of up to 2^32 entries replayed from 1024 slots.
 */
final class RingWorker implements Runnable {
    private static final int SPINS = 4096;
    /**
     * A guest kicks only after it submitted work while the worker sleeps; wake-ups that find nothing, one after
     * the other, are a guest ringing the doorbell to make the host work for nothing. After this many the worker
     * pauses before each next wait, 1 ms and doubling with every further empty wake-up up to 8 ms, so that such
     * a guest gets at most a small share of a core (the kicks of a pause are collected by one eventfd read).
     */
    private static final int EMPTY_WAKE_UPS_BEFORE_PAUSE = 4;
    private static final long EMPTY_PAUSE_NANOS = 1_000_000;
    private static final int EMPTY_PAUSE_MAX_DOUBLINGS = 3;

    private final ReservedRegion ring;
    private final GuestRange frame;
    private final List<ManifestEntry> entries;
    private final int eventfd;
    private final Consumer<String> onFatal;
    private final NetCounters[] counters;
    private final Counter wakeUps;
    private final NativeMemory counter = new NativeMemory(8);
    private volatile boolean stop;
    /** Entries consumed: published as ent_head. */
    private int head;
    /** Commits produced: published as com_tail. */
    private int commitTail;
    /** Wake-ups in a row that found no entry. */
    private int emptyWakeUps;

    /**
     * A worker for {@code ring} (cleared, or left as this tender's last worker published it), moving frames through
     * {@code frame}, woken by {@code eventfd}; {@code onFatal} ends the tender with a message. It counts frames in
     * {@code counters} (by handle) and doorbell wake-ups in {@code wakeUps}.
     */
    RingWorker(ReservedRegion ring, GuestRange frame, List<ManifestEntry> entries, int eventfd,
            Consumer<String> onFatal, NetCounters[] counters, Counter wakeUps) {
        this.counters = counters;
        this.wakeUps = wakeUps;
        this.ring = ring;
        this.frame = frame;
        this.entries = entries;
        this.eventfd = eventfd;
        this.onFatal = onFatal;
        this.head = ring.getIntVolatile(ENT_HEAD);
        this.commitTail = ring.getIntVolatile(COM_TAIL);
    }

    /**
     * Starts ring I/O on {@code ring} if a doorbell can be bound; returns false (after a warning where Solo5 gives
     * one) when the guest must use hypercalls instead.
     */
    static boolean activate(ModuleContext ctx, TenderKind.Hvt hvt, ReservedRegion ring, RingDoorbell doorbell,
            NetCounters[] counters) {
        if (ring == null || doorbell == null) {
            return false;
        }
        Diagnostics diag = ctx.diagnostics();
        int efd;
        try {
            efd = Epoll.eventFd(0, Epoll.EFD_CLOEXEC);
        } catch (ErrnoException e) {
            diag.warn("eventfd() failed, falling back to hypercalls: " + e.reason());
            return false;
        }
        try {
            doorbell.bind(efd);
        } catch (ErrnoException e) {
            diag.warn("KVM_IOEVENTFD failed, falling back to hypercalls: " + e.reason());
            LibC.closeQuietly(efd);
            return false;
        }
        RingWorker worker = new RingWorker(ring, hvt.newGuestRange(), ctx.manifest().entries(), efd,
                message -> endTender(diag, message), counters,
                ctx.stats().counter(NetCounters.kicks(ctx.stats())));
        ctx.hostFds().stream(efd);
        Thread thread = new Thread(worker, "tender-ring-io");
        thread.setDaemon(true);
        thread.start();
        ctx.onHalt(() -> worker.shutdown(thread));
        return true;
    }

    /** A fatal error on the I/O thread ends the whole tender, as err(3) in Solo5's thread does. */
    private static void endTender(Diagnostics diag, String message) {
        diag.warn(message);
        Runtime.getRuntime().halt(1);
    }

    /** Stops the thread (raises the flag, wakes it), waits for it and closes the eventfd. */
    void shutdown(Thread thread) {
        stop = true;
        counter.putLong(0, 1);
        try {
            LibC.write(eventfd, counter.address(), 8);
            thread.join();
        } catch (ErrnoException e) {
            // cannot happen for a counter of 1; without the wake-up the daemon thread is left behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibC.closeQuietly(eventfd);
    }

    @Override
    public void run() {
        try {
            boolean spin = false;
            while (!stop) {
                if (!(spin && spinForWork()) && !sleepForWork()) {
                    return;
                }
                int served = serve();
                spin = served > 0;
                emptyWakeUps = served > 0 ? 0 : emptyWakeUps + 1;
                if (emptyWakeUps >= EMPTY_WAKE_UPS_BEFORE_PAUSE) {
                    int doublings = Math.min(emptyWakeUps - EMPTY_WAKE_UPS_BEFORE_PAUSE, EMPTY_PAUSE_MAX_DOUBLINGS);
                    LockSupport.parkNanos(EMPTY_PAUSE_NANOS << doublings);
                }
            }
        } catch (GuestAccessException | GuestWriteFault e) {
            onFatal.accept("hvt/ring:" + NetHypercalls.NET_WRITE + ": " + e.getMessage());
        } catch (TenderException e) {
            onFatal.accept(e.getMessage());
        }
    }

    /** ent_tail is the guest's: an acquire load. */
    private int tail() {
        return ring.getIntVolatile(ENT_TAIL);
    }

    private boolean spinForWork() {
        for (int i = 0; i < SPINS; i++) {
            if (tail() != head) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Tells the guest to kick, then sleeps on the eventfd unless work arrived meanwhile. The worker spins for work
     * only after a wake-up that found some: a kick with nothing behind it costs one eventfd read, not a spin.
     */
    private boolean sleepForWork() {
        ring.putIntVolatile(NEEDS_KICK, 1);
        if (tail() == head && !waitForKick()) {
            return false;
        }
        ring.putIntOrdered(NEEDS_KICK, 0);
        return true;
    }

    /** Blocks reading the eventfd; false when the read fails for a reason other than a signal (the thread ends). */
    private boolean waitForKick() {
        for (;;) {
            try {
                boolean woken = LibC.read(eventfd, counter.address(), 8) > 0;
                wakeUps.increment();
                return woken;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR || stop) {
                    return false;
                }
            }
        }
    }

    /**
     * Serves the entries submitted up to the ent_tail seen now (docs/abi.md §8.3), at most one ring's worth:
     * WRITEs are counted and published before a READ, which gets a commit; other operations are skipped.
     * Returns how many entries were consumed.
     */
    int serve() throws GuestAccessException, TenderException {
        int start = head;
        int tail = tail();
        if (Integer.compareUnsigned(tail - head, HvtRing.SLOTS) > 0) {
            throw new TenderException("hvt/ring:" + NetHypercalls.NET_WRITE + ": Invalid guest ring index: ent_tail="
                    + Integer.toUnsignedString(tail) + ", ent_head=" + Integer.toUnsignedString(head));
        }
        int batch = 0;
        while (head + batch != tail) {
            long entry = HvtRing.entry(head + batch);
            int op = ring.getInt(entry + ENTRY_OPERATION);
            if (op == HvtRing.OP_READ) {
                publishHead(batch);
                batch = 0;
                read(entry);
                continue;
            }
            if (op == HvtRing.OP_WRITE) {
                write(entry);
            }
            batch++;
        }
        publishHead(batch);
        return head - start;
    }

    /** Moves ent_head past {@code served} more entries (a release store: the guest may reuse their slots). */
    private void publishHead(int served) {
        if (served > 0) {
            head += served;
            ring.putIntOrdered(ENT_HEAD, head);
        }
    }

    private void write(long entry) throws GuestAccessException, TenderException {
        ManifestEntry e = NetHypercalls.device(entries, Integer.toUnsignedLong(ring.getInt(entry + ENTRY_HANDLE)));
        if (e == null) {
            return;
        }
        frame.request(ring.getLong(entry + ENTRY_DATA), Integer.toUnsignedLong(ring.getInt(entry + ENTRY_LEN)));
        long n;
        try {
            n = LibC.write(e.hostFd(), frame.hostAddress(), frame.size());
        } catch (ErrnoException x) {
            throw new TenderException("Fatal write error on net device: " + x.reason());
        }
        if (n != frame.size()) {
            throw new TenderException("Fatal write error: wrote only " + n + " out of " + frame.size() + " bytes");
        }
        counters[e.index()].sent(n);
    }

    private void read(long entry) throws GuestAccessException {
        long commit = HvtRing.commit(commitTail);
        ring.putInt(commit + COMMIT_ID, ring.getInt(entry + ENTRY_ID));
        ManifestEntry e = NetHypercalls.device(entries, Integer.toUnsignedLong(ring.getInt(entry + ENTRY_HANDLE)));
        int ret;
        long got = 0;
        if (e == null) {
            ret = Solo5Result.EINVAL;
        } else {
            frame.request(ring.getLong(entry + ENTRY_DATA), Integer.toUnsignedLong(ring.getInt(entry + ENTRY_LEN)));
            try {
                long n = LibC.readNonBlocking(e.hostFd(), frame.hostAddressForWrite(), frame.size());
                got = Math.max(n, 0);
                ret = n > 0 ? Solo5Result.OK : Solo5Result.AGAIN;
                if (n > 0) {
                    counters[e.index()].received(n);
                }
            } catch (ErrnoException x) {
                ret = Solo5Result.EINVAL;
            }
        }
        ring.putInt(commit + COMMIT_RET, ret);
        ring.putInt(commit + COMMIT_LEN, (int) got);
        commitTail++;
        ring.putIntOrdered(COM_TAIL, commitTail);
        head++;
        ring.putIntOrdered(ENT_HEAD, head);
    }
}
