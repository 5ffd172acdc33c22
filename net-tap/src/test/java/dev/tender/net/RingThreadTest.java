package dev.tender.net;

import static dev.tender.net.HvtNetGuest.NET;
import static dev.tender.net.Peer.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.stats.Counter;
import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.net.sys.TestFds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ring I/O as the net module runs it: activation through the offered doorbell, the I/O thread woken by a kick,
 * the halt hook that stops it, and a fatal guest error ending the thread with the ring's message.
 */
@Timeout(30)
class RingThreadTest {
    private static final long BUF = 0x100000;

    private HvtNetGuest guest;
    private ReservedRegion region;
    private GuestRingSide ring;
    private Peer peer;
    private int netFd;

    @BeforeEach
    void setUp() throws Exception {
        guest = new HvtNetGuest();
        int[] sv = TestFds.datagramPair();
        netFd = sv[0];
        guest.attachNet(netFd);
        peer = new Peer(sv[1]);
        region = guest.memory.reserveTop(2L << 20);
        region.putInt(HvtRing.ENT_TAIL, 0x5a5a5a5a);
        ring = new GuestRingSide(region);
    }

    @AfterEach
    void tearDown() {
        LibC.closeQuietly(netFd);
        peer.close();
        guest.close();
    }

    private static void kick(int eventfd) throws ErrnoException {
        try (NativeMemory one = new NativeMemory(8)) {
            one.putLong(0, 1);
            LibC.write(eventfd, one.address(), 8);
        }
    }

    @Test
    void anOfferedRingWithADoorbellRunsUntilTheGuestHalts() throws Exception {
        AtomicInteger bell = new AtomicInteger(-1);
        NetModule net = new NetModule();
        net.offerRing(region, bell::set);
        assertThat(ring.entTail()).as("the ring is cleared when offered").isZero();

        net.setup(guest.context);

        assertThat(net.hostFeatures()).isEqualTo(HvtRing.FEATURE_RING_IO);
        assertThat(net.ringAddress()).isEqualTo(region.gpa());
        assertThat(guest.table.lookup(NetHypercalls.NET_WRITE)).isNotNull();
        assertThat(bell.get()).isNotNegative();
        guest.memory.write(BUF, bytes("ping"));
        ring.write(NET, BUF, 4);
        kick(bell.get());
        assertThat(peer.await()).isEqualTo(bytes("ping"));

        guest.context.runHaltHooks(0, 0);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("tender-ring-io"));
    }

    @Test
    void withoutADoorbellTheGuestUsesHypercalls() throws Exception {
        NetModule net = new NetModule();
        net.offerRing(region, null);
        net.setup(guest.context);
        assertThat(net.hostFeatures()).isZero();
        assertThat(net.ringAddress()).isZero();
        assertThat(guest.table.lookup(NetHypercalls.NET_READ)).isNotNull();
    }

    @Test
    void aDoorbellThatCannotBeBoundFallsBackWithSolo5sWarning() throws Exception {
        NetModule net = new NetModule();
        net.offerRing(region, efd -> {
            throw new ErrnoException("KVM_IOEVENTFD", 38);
        });
        net.setup(guest.context);
        assertThat(net.hostFeatures()).isZero();
        assertThat(guest.err.toString())
                .isEqualTo("solo5-hvt: KVM_IOEVENTFD failed, falling back to hypercalls: Function not implemented\n");
    }

    @Test
    void onSptTheModuleOnlyCompletesItsDevices() throws Exception {
        NetModule net = new NetModule();
        net.setup(new ModuleContext(guest.manifest, guest.context.diagnostics(), new TenderKind.Spt()));
        byte[] mac = guest.entries().get(NET).mac();
        assertThat(mac[0] & 0x03).as("locally administered unicast").isEqualTo(0x02);
        assertThat(guest.table.lookup(NetHypercalls.NET_WRITE)).isNull();
        assertThat(net.hostFeatures()).isZero();
    }

    @Test
    void aSleepingWorkerWakesOnAKickAndStopsOnShutdown() throws Exception {
        region.fill(0, HvtRing.SIZE, (byte) 0);
        int efd = Epoll.eventFd(0, Epoll.EFD_CLOEXEC);
        RingWorker worker = new RingWorker(region, guest.hvt.newGuestRange(), guest.entries(), efd, m -> { },
                guest.counters(), new Counter());
        Thread thread = new Thread(worker, "ring-under-test");
        thread.start();

        guest.memory.write(BUF, bytes("wake"));
        ring.write(NET, BUF, 4);
        kick(efd);
        assertThat(peer.await()).isEqualTo(bytes("wake"));

        worker.shutdown(thread);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aFatalGuestErrorOnTheThreadIsReportedWithTheRingsPrefix() throws Exception {
        region.fill(0, HvtRing.SIZE, (byte) 0);
        CompletableFuture<String> fatal = new CompletableFuture<>();
        RingWorker worker = new RingWorker(region, guest.hvt.newGuestRange(), guest.entries(), -1, fatal::complete,
                guest.counters(), new Counter());
        ring.write(NET, guest.memory.size() - 4, 4);
        Thread thread = new Thread(worker, "ring-under-test");
        thread.start();

        assertThat(fatal.get(10, TimeUnit.SECONDS)).isEqualTo("hvt/ring:6: Invalid guest access: gpa=0x1ffffc, sz=4");
        thread.join();
    }

    @Test
    void aCorruptRingIndexEndsTheThreadInsteadOfSpinning() throws Exception {
        region.fill(0, HvtRing.SIZE, (byte) 0);
        CompletableFuture<String> fatal = new CompletableFuture<>();
        RingWorker worker = new RingWorker(region, guest.hvt.newGuestRange(), guest.entries(), -1, fatal::complete,
                guest.counters(), new Counter());
        ring.setEntTail(-1);
        Thread thread = new Thread(worker, "ring-under-test");
        thread.start();

        assertThat(fatal.get(10, TimeUnit.SECONDS))
                .isEqualTo("hvt/ring:6: Invalid guest ring index: ent_tail=4294967295, ent_head=0");
        thread.join();
        assertThat(peer.receive()).isNull();
    }
}
