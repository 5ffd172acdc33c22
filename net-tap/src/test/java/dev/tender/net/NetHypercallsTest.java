package dev.tender.net;

import static dev.tender.net.HvtNetGuest.BLOCK;
import static dev.tender.net.HvtNetGuest.MEM;
import static dev.tender.net.HvtNetGuest.NET;
import static dev.tender.net.NetHypercalls.DATA;
import static dev.tender.net.NetHypercalls.HANDLE;
import static dev.tender.net.NetHypercalls.LEN;
import static dev.tender.net.NetHypercalls.RET;
import static dev.tender.net.Peer.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.TenderException;
import dev.tender.core.hypercall.Solo5Result;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.sys.LibC;
import dev.tender.net.sys.TestFds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NET_WRITE and NET_READ over real guest memory (4 MiB, all of it guest-visible), with a datagram socket pair as
 * the TAP: the frames, the ret and len fields, and every edge of the structure and buffer checks.
 */
class NetHypercallsTest {
    private static final long ARGS = 0x1000;
    private static final long BUF = 0x100000;
    private static final int UNTOUCHED = 0x55;

    private HvtNetGuest guest;
    private Peer peer;
    private final List<Integer> fds = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        guest = new HvtNetGuest();
        int[] sv = TestFds.datagramPair();
        fds.add(sv[0]);
        guest.attachNet(sv[0]);
        peer = new Peer(sv[1]);
        NetHypercalls.register(guest.hvt, guest.entries(), guest.counters());
    }

    @AfterEach
    void tearDown() {
        fds.forEach(LibC::closeQuietly);
        peer.close();
        guest.close();
    }

    /** Writes a request structure at {@code at}, ret preset so that an answer shows. */
    private void request(long at, long handle, long data, long len) {
        guest.memory.putLong(at + HANDLE, handle);
        guest.memory.putLong(at + DATA, data);
        guest.memory.putLong(at + LEN, len);
        guest.memory.putInt(at + RET, UNTOUCHED);
    }

    private void call(int nr, long gpa) throws Exception {
        guest.table.lookup(nr).handle(gpa);
    }

    private int ret(long at) {
        return guest.memory.getInt(at + RET);
    }

    @Test
    void writeSendsTheBufferAsOneFrame() throws Exception {
        guest.memory.write(BUF, bytes("hello"));
        request(ARGS, NET, BUF, 5);

        call(NetHypercalls.NET_WRITE, ARGS);

        assertThat(ret(ARGS)).isEqualTo(Solo5Result.OK);
        assertThat(peer.receive()).isEqualTo(bytes("hello"));
        assertThat(peer.receive()).isNull();
        assertThat(guest.counted()).isEqualTo("rx=0/0 tx=1/5");
    }

    @Test
    void readDeliversOneFrameAndItsLength() throws Exception {
        peer.send(bytes("frame!"));
        request(ARGS, NET, BUF, 1514);

        call(NetHypercalls.NET_READ, ARGS);

        assertThat(ret(ARGS)).isEqualTo(Solo5Result.OK);
        assertThat(guest.memory.getLong(ARGS + LEN)).isEqualTo(6);
        assertThat(guest.memory.read(BUF, 7)).isEqualTo(bytes("frame!\0"));
        assertThat(guest.counted()).isEqualTo("rx=1/6 tx=0/0");
    }

    @Test
    void readWithNothingWaitingAnswersAgainAndLeavesLenAlone() throws Exception {
        request(ARGS, NET, BUF, 1514);
        call(NetHypercalls.NET_READ, ARGS);
        assertThat(ret(ARGS)).isEqualTo(Solo5Result.AGAIN);
        assertThat(guest.memory.getLong(ARGS + LEN)).isEqualTo(1514);
    }

    @Test
    void aFrameLongerThanTheBufferIsCutShort() throws Exception {
        peer.send(bytes("0123456789"));
        request(ARGS, NET, BUF, 4);
        call(NetHypercalls.NET_READ, ARGS);
        assertThat(guest.memory.getLong(ARGS + LEN)).isEqualTo(4);
        assertThat(guest.memory.read(BUF, 5)).isEqualTo(bytes("0123\0"));
        request(ARGS, NET, BUF, 4);
        call(NetHypercalls.NET_READ, ARGS);
        assertThat(ret(ARGS)).as("the rest of the frame is gone").isEqualTo(Solo5Result.AGAIN);
        assertThat(guest.counted()).as("what the guest got").isEqualTo("rx=1/4 tx=0/0");
    }

    @Test
    void aHandleThatIsNoNetDeviceAnswersEinvalBeforeTheBufferIsChecked() throws Exception {
        for (long handle : new long[] {0, BLOCK, 3, 64, -1L, 1L << 32 | NET}) {
            request(ARGS, handle, MEM, 1);
            call(NetHypercalls.NET_WRITE, ARGS);
            assertThat(ret(ARGS)).as("write, handle %d", handle).isEqualTo(Solo5Result.EINVAL);
            request(ARGS, handle, MEM, 1);
            call(NetHypercalls.NET_READ, ARGS);
            assertThat(ret(ARGS)).as("read, handle %d", handle).isEqualTo(Solo5Result.EINVAL);
        }
        assertThat(peer.receive()).isNull();
    }

    @Test
    void theStructureMustEndBelowTheTopOfGuestMemory() throws Exception {
        long last = MEM - NetHypercalls.SIZE - 1;
        guest.memory.write(BUF, bytes("x"));
        request(last, NET, BUF, 1);
        call(NetHypercalls.NET_WRITE, last);
        assertThat(ret(last)).isEqualTo(Solo5Result.OK);

        assertThatThrownBy(() -> call(NetHypercalls.NET_WRITE, last + 1)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x3fffe0, sz=32");
        assertThatThrownBy(() -> call(NetHypercalls.NET_READ, MEM)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0x400000, sz=32");
        assertThatThrownBy(() -> call(NetHypercalls.NET_READ, -16L)).isInstanceOf(GuestAccessException.class)
                .hasMessage("Invalid guest access: gpa=0xfffffffffffffff0, sz=32");
    }

    @Test
    void theBufferIsCheckedWithSolo5sRuleAtEveryEdge() throws Exception {
        guest.memory.write(MEM - 5, bytes("edge"));
        request(ARGS, NET, MEM - 5, 4);
        call(NetHypercalls.NET_WRITE, ARGS);
        assertThat(peer.receive()).isEqualTo(bytes("edge"));

        assertBufferFault(NetHypercalls.NET_WRITE, MEM - 4, 4, "Invalid guest access: gpa=0x3ffffc, sz=4");
        assertBufferFault(NetHypercalls.NET_READ, MEM - 4, 4, "Invalid guest access: gpa=0x3ffffc, sz=4");
        assertBufferFault(NetHypercalls.NET_WRITE, BUF, -0x100L,
                "Invalid guest access: gpa=0x100000, sz=18446744073709551360");
        assertBufferFault(NetHypercalls.NET_READ, BUF, Long.MAX_VALUE,
                "Invalid guest access: gpa=0x100000, sz=9223372036854775807");
        assertBufferFault(NetHypercalls.NET_WRITE, -0x10L, 0x20, "Invalid guest access: gpa=0xfffffffffffffff0, sz=32");
        assertThat(peer.receive()).isNull();
    }

    private void assertBufferFault(int nr, long data, long len, String message) {
        request(ARGS, NET, data, len);
        assertThatThrownBy(() -> call(nr, ARGS)).isInstanceOf(GuestAccessException.class).hasMessage(message);
        assertThat(ret(ARGS)).isEqualTo(UNTOUCHED);
    }

    @Test
    void theTenderNeverWritesIntoHostReadOnlyGuestMemory() throws Exception {
        guest.memory.protect(0x200000, 0x1000, LibC.PROT_READ);
        peer.send(bytes("frame"));
        request(ARGS, NET, 0x200000, 64);
        assertThatThrownBy(() -> call(NetHypercalls.NET_READ, ARGS)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x200000, sz=64");

        request(0x201000, NET, BUF, 1);
        guest.memory.protect(0x201000, 0x1000, LibC.PROT_READ);
        assertThatThrownBy(() -> call(NetHypercalls.NET_WRITE, 0x201000)).isInstanceOf(GuestWriteFault.class)
                .hasMessage("Invalid guest access: gpa=0x201018, sz=4");
        assertThat(peer.receive()).as("the frame went out before ret was written").hasSize(1);
    }

    @Test
    void hostFailuresAreFatalWithSolo5sUnprefixedWords() throws Exception {
        int[] pipe = TestFds.pipe();
        fds.add(pipe[0]);
        fds.add(pipe[1]);
        guest.attachNet(pipe[1]);
        request(ARGS, NET, BUF, 100_000);
        assertFatal(NetHypercalls.NET_WRITE, "Fatal error: wrote only 65536 out of 100000 bytes");
        request(ARGS, NET, BUF, 64);
        assertFatal(NetHypercalls.NET_READ, "Fatal error when reading: Bad file descriptor");

        guest.attachNet(pipe[0]);
        request(ARGS, NET, BUF, 64);
        assertFatal(NetHypercalls.NET_WRITE, "Fatal error when writing: Bad file descriptor");
    }

    private void assertFatal(int nr, String message) {
        assertThatThrownBy(() -> call(nr, ARGS)).isInstanceOf(TenderException.class).hasMessage(message)
                .matches(e -> !((TenderException) e).prefixed(), "printed without the program name");
        assertThat(ret(ARGS)).isEqualTo(UNTOUCHED);
    }
}
