package dev.tender.net;

import static dev.tender.net.HvtNetGuest.NET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.stats.Counter;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.net.sys.TestFds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ring worker against a guest that rewrites the ring's indices: it serves each submitted entry once, at most
 * a full ring (1024 entries) per pass, and treats an impossible ent_tail as fatal rather than spinning or
 * replaying slots. Frames go into a pipe, whose bytes show exactly what was sent and how often.
 */
class RingIndexBoundsTest {
    private static final long BUF = 0x100000;

    private HvtNetGuest guest;
    private ReservedRegion region;
    private GuestRingSide ring;
    private int[] pipe;
    private final List<String> fatal = new ArrayList<>();
    private final NativeMemory sent = new NativeMemory(65536);

    @BeforeEach
    void setUp() throws Exception {
        guest = new HvtNetGuest();
        pipe = TestFds.pipe();
        guest.attachNet(pipe[1]);
        region = guest.memory.reserveTop(2L << 20);
        region.fill(0, HvtRing.SIZE, (byte) 0);
        ring = new GuestRingSide(region);
        for (int i = 0; i < HvtRing.SLOTS; i++) {
            guest.memory.putInt(BUF + 4L * i, i);
        }
    }

    @AfterEach
    void tearDown() {
        LibC.closeQuietly(pipe[0]);
        LibC.closeQuietly(pipe[1]);
        sent.close();
        guest.close();
    }

    private RingWorker worker() {
        return new RingWorker(region, guest.hvt.newGuestRange(), guest.entries(), -1, fatal::add,
                guest.counters(), new Counter());
    }

    /** Submits WRITEs of the 4-byte values {@code from..to-1}. */
    private void submit(int from, int to) {
        for (int i = from; i < to; i++) {
            ring.write(NET, BUF + 4L * i, 4);
        }
    }

    /** The values written into the pipe so far, in order. */
    private List<Integer> sentValues() throws Exception {
        long n = LibC.readNonBlocking(pipe[0], sent.address(), sent.size());
        List<Integer> values = new ArrayList<>();
        for (long off = 0; n > 0 && off < n; off += 4) {
            values.add(sent.getInt(off));
        }
        return values;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    @Test
    void aFullRingOf1024EntriesIsServedOnceEachInOnePass() throws Exception {
        RingWorker worker = worker();
        submit(0, HvtRing.SLOTS);

        worker.serve();

        assertThat(sentValues()).isEqualTo(range(0, HvtRing.SLOTS));
        assertThat(ring.entHead()).isEqualTo(HvtRing.SLOTS);
        worker.serve();
        assertThat(sentValues()).as("nothing is served twice").isEmpty();
    }

    @Test
    void anEntTailMoreThanARingAheadIsFatalAndServesNothing() throws Exception {
        RingWorker worker = worker();
        submit(0, 1);
        ring.setEntTail(HvtRing.SLOTS + 1);

        assertThatThrownBy(worker::serve).isInstanceOf(TenderException.class)
                .hasMessage("hvt/ring:6: Invalid guest ring index: ent_tail=1025, ent_head=0");
        assertThat(sentValues()).isEmpty();
        assertThat(ring.entHead()).isZero();

        ring.setEntTail(0x80000000);
        assertThatThrownBy(worker::serve).hasMessage("hvt/ring:6: Invalid guest ring index: ent_tail=2147483648, "
                + "ent_head=0");
    }

    @Test
    void anEntTailMovedBehindTheHeadIsFatalNotAnAlmostEndlessReplay() throws Exception {
        RingWorker worker = worker();
        submit(0, 2);
        worker.serve();
        assertThat(sentValues()).containsExactly(0, 1);

        ring.setEntTail(1);

        assertThatThrownBy(worker::serve).isInstanceOf(TenderException.class)
                .hasMessage("hvt/ring:6: Invalid guest ring index: ent_tail=1, ent_head=2");
        assertThat(sentValues()).isEmpty();
    }

    @Test
    void aGuestRewindingEntHeadCannotMakeTheWorkerServeEntriesAgain() throws Exception {
        RingWorker worker = worker();
        submit(0, 3);
        worker.serve();
        ring.setEntHead(0);

        worker.serve();
        assertThat(sentValues()).as("the first pass only").isEqualTo(range(0, 3));

        submit(3, 4);
        worker.serve();
        assertThat(sentValues()).containsExactly(3);
        assertThat(ring.entHead()).as("the worker's own count, published again").isEqualTo(4);
    }

    @Test
    void aGuestRewritingComTailDoesNotMoveWhereCommitsGo() throws Exception {
        RingWorker worker = worker();
        ring.read(0, BUF, 4, 41);
        worker.serve();
        ring.setComTail(500);
        ring.read(0, BUF, 4, 42);

        worker.serve();

        assertThat(ring.commit(0)).containsExactly(41, Solo5Result.EINVAL, 0);
        assertThat(ring.commit(1)).containsExactly(42, Solo5Result.EINVAL, 0);
        assertThat(ring.commit(500)[0]).isZero();
        assertThat(ring.comTail()).isEqualTo(2);
    }

    @Test
    void indicesRunFreelyAcrossTheTopOfTheirRange() throws Exception {
        ring.setEntTail(-2);
        ring.setEntHead(-2);
        ring.setComTail(-2);
        RingWorker worker = worker();
        submit(0, 3);
        ring.read(0, BUF, 4, 7);

        worker.serve();

        assertThat(sentValues()).isEqualTo(range(0, 3));
        assertThat(ring.entHead()).isEqualTo(2);
        assertThat(ring.comTail()).isEqualTo(-1);
        assertThat(ring.commit(-2)[0]).isEqualTo(7);
    }
}
