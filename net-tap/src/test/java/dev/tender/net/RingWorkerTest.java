package dev.tender.net;

import static dev.tender.net.HvtNetGuest.BLOCK;
import static dev.tender.net.HvtNetGuest.NET;
import static dev.tender.net.Peer.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.stats.Counter;
import dev.tender.core.sys.LibC;
import dev.tender.net.sys.TestFds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One pass of the ring worker over a real ring in guest memory, the guest played by the test, a datagram socket
 * pair standing in for the TAP. The guest-visible memory ends at 2 MiB, where the ring starts.
 */
class RingWorkerTest {
    private static final long BUF = 0x100000;

    private HvtNetGuest guest;
    private ReservedRegion region;
    private GuestRingSide ring;
    private Peer peer;
    private final List<String> fatal = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();
    private RingWorker worker;
    private long top;

    @BeforeEach
    void setUp() throws Exception {
        guest = new HvtNetGuest();
        int[] sv = TestFds.datagramPair();
        fds.add(sv[0]);
        guest.attachNet(sv[0]);
        peer = new Peer(sv[1]);
        region = guest.memory.reserveTop(2L << 20);
        region.fill(0, HvtRing.SIZE, (byte) 0);
        ring = new GuestRingSide(region);
        worker = new RingWorker(region, guest.hvt.newGuestRange(), guest.entries(), -1, fatal::add,
                guest.counters(), new Counter());
        top = guest.memory.size();
    }

    @AfterEach
    void tearDown() {
        fds.forEach(LibC::closeQuietly);
        peer.close();
        guest.close();
        assertThat(fatal).as("serve() reports by throwing; only run() calls the fatal handler").isEmpty();
    }

    @Test
    void writesAreSentInOrderAndConsumedWithoutCommits() throws Exception {
        guest.memory.write(BUF, bytes("first"));
        guest.memory.write(BUF + 100, bytes("second"));
        ring.write(NET, BUF, 5);
        ring.write(NET, BUF + 100, 6);

        assertThat(worker.serve()).as("entries consumed").isEqualTo(2);
        assertThat(worker.serve()).as("nothing new: an empty wake-up").isZero();

        assertThat(peer.receive()).isEqualTo(bytes("first"));
        assertThat(peer.receive()).isEqualTo(bytes("second"));
        assertThat(peer.receive()).isNull();
        assertThat(ring.entHead()).isEqualTo(2);
        assertThat(ring.comTail()).isZero();
        assertThat(guest.counted()).isEqualTo("rx=0/0 tx=2/11");
    }

    @Test
    void aReadCommitsTheFrameUnderTheEntrysId() throws Exception {
        peer.send(bytes("frame!"));
        ring.read(NET, BUF, 1514, 77);

        worker.serve();

        assertThat(ring.commit(0)).containsExactly(77, Solo5Result.OK, 6);
        assertThat(guest.memory.read(BUF, 6)).isEqualTo(bytes("frame!"));
        assertThat(ring.comTail()).isEqualTo(1);
        assertThat(ring.entHead()).isEqualTo(1);
    }

    @Test
    void aReadWithNothingWaitingCommitsAgainAndALongFrameIsCutShort() throws Exception {
        ring.read(NET, BUF, 1514, 1);
        worker.serve();
        peer.send(bytes("0123456789"));
        ring.read(NET, BUF, 4, 2);
        worker.serve();

        assertThat(ring.commit(0)).containsExactly(1, Solo5Result.AGAIN, 0);
        assertThat(ring.commit(1)).containsExactly(2, Solo5Result.OK, 4);
        assertThat(guest.memory.read(BUF, 5)).isEqualTo(new byte[] {'0', '1', '2', '3', 0});
        assertThat(guest.counted()).as("the AGAIN is not counted").isEqualTo("rx=1/4 tx=0/0");
    }

    @Test
    void entriesForAnythingButANetDeviceAreDroppedOrAnsweredEinval() throws Exception {
        guest.memory.write(BUF, bytes("x"));
        for (int handle : new int[] {0, BLOCK, 64, -1}) {
            ring.write(handle, BUF, 1);
            ring.read(handle, BUF, 1, handle);
        }

        worker.serve();

        assertThat(peer.receive()).isNull();
        for (int i = 0; i < 4; i++) {
            assertThat(ring.commit(i)[1]).isEqualTo(Solo5Result.EINVAL);
            assertThat(ring.commit(i)[2]).isZero();
        }
        assertThat(ring.entHead()).isEqualTo(8);
        assertThat(ring.comTail()).isEqualTo(4);
    }

    @Test
    void unknownOperationsAreSkippedAndWritesBeforeAReadGoFirst() throws Exception {
        guest.memory.write(BUF, bytes("abc"));
        ring.submit(0, NET, BUF, 1, 0);
        ring.write(NET, BUF, 1);
        ring.submit(7, NET, BUF, 1, 0);
        ring.read(NET, BUF + 16, 100, 9);
        ring.write(NET, BUF + 1, 2);

        worker.serve();

        assertThat(peer.receive()).isEqualTo(bytes("a"));
        assertThat(peer.receive()).isEqualTo(bytes("bc"));
        assertThat(peer.receive()).isNull();
        assertThat(ring.commit(0)).containsExactly(9, Solo5Result.AGAIN, 0);
        assertThat(ring.entHead()).isEqualTo(5);
    }

    @Test
    void aReadTheHostCannotDoCommitsEinvalInsteadOfEndingTheTender() throws Exception {
        int[] pipe = pipe();
        guest.attachNet(pipe[1]);
        ring.read(NET, BUF, 100, 3);

        worker.serve();

        assertThat(ring.commit(0)).containsExactly(3, Solo5Result.EINVAL, 0);
    }

    @Test
    void frameBuffersAreCheckedLikeHypercallBuffersAtTheEdges() throws Exception {
        guest.memory.write(top - 5, bytes("edge"));
        ring.write(NET, top - 5, 4);
        worker.serve();
        assertThat(peer.receive()).isEqualTo(bytes("edge"));

        assertFault(top - 4, 4, "Invalid guest access: gpa=0x1ffffc, sz=4");
        assertFault(-0x100L, 0x200, "Invalid guest access: gpa=0xffffffffffffff00, sz=512");
        assertFault(0x1000, -1, "Invalid guest access: gpa=0x1000, sz=4294967295");
        assertFault(region.gpa(), 4, "Invalid guest access: gpa=0x200000, sz=4");
        assertThat(peer.receive()).isNull();
    }

    private void assertFault(long data, int len, String message) {
        ring.write(NET, data, len);
        assertThatThrownBy(worker::serve).isInstanceOf(GuestAccessException.class).hasMessage(message);
        ring.setEntTail(ring.entHead());
    }

    @Test
    void aReadIntoHostReadOnlyMemoryIsAWriteFault() throws Exception {
        guest.memory.protect(0x101000, 0x1000, LibC.PROT_READ);
        peer.send(bytes("frame"));
        ring.read(NET, 0x101000, 64, 1);

        assertThatThrownBy(worker::serve).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x101000, sz=64");
    }

    @Test
    void aFailedOrShortWriteIsFatalWithSolo5sRingWords() throws Exception {
        int[] pipe = pipe();
        guest.attachNet(pipe[1]);
        ring.write(NET, BUF, 100_000);
        assertThatThrownBy(worker::serve).isInstanceOf(TenderException.class)
                .hasMessage("Fatal write error: wrote only 65536 out of 100000 bytes");

        ring.setEntTail(ring.entHead());
        guest.attachNet(pipe[0]);
        ring.write(NET, BUF, 1);
        assertThatThrownBy(worker::serve).isInstanceOf(TenderException.class)
                .hasMessage("Fatal write error on net device: Bad file descriptor");
    }

    private int[] pipe() {
        int[] pipe = TestFds.pipe();
        fds.add(pipe[0]);
        fds.add(pipe[1]);
        return pipe;
    }
}
