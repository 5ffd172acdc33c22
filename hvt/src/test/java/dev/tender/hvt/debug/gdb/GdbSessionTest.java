package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command loop against a fake target, with the test as gdb over loopback. */
class GdbSessionTest extends GdbStubTestBase {
    private static final String SUPPORTED = "PacketSize=4000;swbreak+;hwbreak+;QStartNoAckMode+";
    private static final String LOST = "GDB: Exiting as we could not receive the next command from the debugger.";

    @Test
    void answersTheHandshakeAndContinues() throws Exception {
        gdb.raw("+");
        assertThat(gdb.command("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386")).isEqualTo(SUPPORTED);
        assertThat(gdb.command("vMustReplyEmpty")).isEmpty();
        assertThat(gdb.command("Hg0")).isEmpty();
        assertThat(gdb.command("qTStatus")).isEmpty();
        assertThat(gdb.command("?")).isEqualTo("S05");
        assertThat(gdb.command("qfThreadInfo")).isEmpty();
        assertThat(gdb.command("qAttached")).isEqualTo("1");
        assertThat(gdb.command("qC")).isEmpty();
        assertThat(gdb.command("qOffsets")).isEmpty();
        assertThat(gdb.command("g")).isEqualTo(RspArgs.hex(target.registers)).hasSize(128);
        assertThat(gdb.command("p10")).isEmpty();
        assertThat(gdb.command("qSymbol::")).isEmpty();
        assertThat(gdb.command("vCont?")).isEmpty();
        assertThat(gdb.command("qXfer:features:read:target.xml:0,ffb")).isEmpty();
        continues();
    }

    @Test
    void writesRegisters() throws Exception {
        assertThat(gdb.command("G" + "ff".repeat(8))).isEqualTo("OK");
        assertThat(target.registers).startsWith(-1, -1, -1, -1, -1, -1, -1, -1, 8, 9);
        assertThat(gdb.command("G" + "00".repeat(65))).as("longer than the block").isEqualTo("E14");
        assertThat(gdb.command("Gabc")).isEqualTo("E02");
        assertThat(gdb.command("Gzz")).isEqualTo("E02");
        assertThat(gdb.command("P1=00")).isEmpty();
        target.failing = true;
        assertThat(gdb.command("g")).isEqualTo("E14");
        gdb.send("s");
        assertThat(resume(loop)).isEqualTo(Resume.STEP);
    }

    @Test
    void readsAndWritesMemoryInsideTheGuestOnly() throws Exception {
        assertThat(gdb.command("M100,4:deadBEEF")).isEqualTo("OK");
        assertThat(gdb.command("m100,4")).isEqualTo("deadbeef");
        assertThat(gdb.command("m0,0")).isEmpty();
        assertThat(gdb.command("Mfffe,2:0102")).isEqualTo("OK");
        assertThat(gdb.command("mfffe,2")).isEqualTo("0102");
        assertThat(gdb.command("mfffe,3")).isEqualTo("E01");
        assertThat(gdb.command("m10000,1")).isEqualTo("E01");
        assertThat(gdb.command("Mffff,2:0102")).isEqualTo("E01");
        assertThat(gdb.command("mffffffffffffffff,10")).isEqualTo("E01");
        assertThat(gdb.command("m10,ffffffffffffffff")).isEqualTo("E01");
        assertThat(gdb.command("Mffffffffffffffff,1:00")).isEqualTo("E01");
        assertThat(gdb.command("m10000000000000000,1")).as("17 digits").isEqualTo("E02");
        assertThat(gdb.command("m-1,4")).isEqualTo("E02");
        assertThat(gdb.command("m100")).isEqualTo("E02");
        assertThat(gdb.command("m,4")).isEqualTo("E02");
        assertThat(gdb.command("m100,")).isEqualTo("E02");
        assertThat(gdb.command("M100,4:dead")).as("data shorter than len").isEqualTo("E02");
        assertThat(gdb.command("M100,1:dead")).as("data longer than len").isEqualTo("E02");
        assertThat(gdb.command("M100,4")).isEqualTo("E02");
        assertThat(gdb.command("X100,0:")).isEmpty();
        continues();
    }

    @Test
    void capsAReadAtWhatOnePacketHolds() throws Exception {
        assertThat(gdb.command("m0,10000")).hasSize(2 * TargetCommands.MAX_READ).matches("0+");
        continues();
    }

    @Test
    void insertsAndRemovesPointsUpToTheLimit() throws Exception {
        assertThat(gdb.command("Z0,1000,1")).isEqualTo("OK");
        assertThat(gdb.command("Z2,2000,8")).isEqualTo("OK");
        assertThat(gdb.command("Z1,3000,1")).as("no slot left").isEqualTo("E22");
        assertThat(target.points).containsExactly(FakeTarget.point(PointKind.SOFTWARE_BREAKPOINT, 0x1000, 1),
                FakeTarget.point(PointKind.WRITE_WATCHPOINT, 0x2000, 8));
        assertThat(gdb.command("z0,1000,1")).isEqualTo("OK");
        assertThat(gdb.command("z0,1000,1")).as("already gone").isEqualTo("E22");
        assertThat(gdb.command("Z4,4000,4;X2,abcd")).as("condition list ignored").isEqualTo("OK");
        assertThat(target.points).containsExactly(FakeTarget.point(PointKind.WRITE_WATCHPOINT, 0x2000, 8),
                FakeTarget.point(PointKind.ACCESS_WATCHPOINT, 0x4000, 4));
        assertThat(gdb.command("Z5,1000,1")).as("unknown type").isEmpty();
        assertThat(gdb.command("Z0,1000")).isEqualTo("E02");
        assertThat(gdb.command("Z0,1000,100000000")).isEqualTo("E02");
        target.failing = true;
        assertThat(gdb.command("Z1,1000,1")).isEqualTo("E14");
        continues();
    }

    @Test
    void continueOrStepWithAnAddressIsNotSupported() throws Exception {
        assertThat(gdb.command("c1000")).isEmpty();
        assertThat(gdb.command("s1000")).isEmpty();
        assertThat(gdb.command("C05")).isEmpty();
        assertThat(loop).isNotDone();
        gdb.send("s");
        assertThat(resume(loop)).isEqualTo(Resume.STEP);
    }

    @Test
    void killIsAnsweredAndTheLoopWaitsOn() throws Exception {
        assertThat(gdb.command("k")).isEqualTo("OK");
        assertThat(stderr()).contains("tender: Debugger asked us to quit\n");
        assertThat(gdb.command("?")).isEqualTo("S05");
        gdb.close();
        assertThat(failure(loop)).hasMessage(LOST);
    }

    @Test
    void detachRemovesEveryPointAndEndsTheSession() throws Exception {
        assertThat(gdb.command("Z0,1000,1")).isEqualTo("OK");
        assertThat(session.detached()).isFalse();
        assertThat(gdb.command("D")).isEqualTo("OK");
        assertThat(resume(loop)).isEqualTo(Resume.DETACHED);
        assertThat(session.detached()).isTrue();
        assertThat(target.points).isEmpty();
        assertThat(target.removeAllCalls).isOne();
        assertThat(stderr()).contains("tender: Debugger detached\n");
        assertThat(gdb.readOrEof()).as("the stub closed the connection").isNegative();
        assertThat(resume(stopped(new Stop.Trap()))).isEqualTo(Resume.DETACHED);
        session.exited(0);
    }

    @Test
    void aFailedDetachKeepsTheSession() throws Exception {
        target.failing = true;
        assertThat(gdb.command("D")).isEqualTo("E14");
        assertThat(session.detached()).isFalse();
        continues();
    }

    @Test
    void aLostConnectionIsFatal() throws Exception {
        gdb.raw("$m0,4#");
        gdb.close();
        assertThat(failure(loop)).hasMessage(LOST).satisfies(e -> assertThat(e.exitStatus()).isOne());
    }
}
