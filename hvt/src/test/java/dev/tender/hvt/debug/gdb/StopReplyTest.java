package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The stop reply for each {@link Stop}, sent as soon as the guest stops, with and without gdb's swbreak+/hwbreak+. */
class StopReplyTest extends GdbStubTestBase {
    /** Runs the initial stop with {@code qSupported}, then continues. */
    private void handshake(String qSupported) throws Exception {
        assertThat(gdb.command(qSupported)).startsWith("PacketSize=");
        assertThat(gdb.command("?")).isEqualTo("S05");
        continues();
    }

    /** The reply the stub sends unasked when the guest stops for {@code stop}; then gdb continues. */
    private String stopReply(Stop stop) throws Exception {
        Future<Resume> stopLoop = stopped(stop);
        String reply = gdb.receive();
        assertThat(gdb.command("?")).as("? repeats it").isEqualTo(reply);
        gdb.send("c");
        assertThat(resume(stopLoop)).isEqualTo(Resume.CONTINUE);
        return reply;
    }

    @Test
    void namesBreakpointKindsWhenGdbUnderstandsThem() throws Exception {
        handshake("qSupported:multiprocess+;swbreak+;hwbreak+;fork-events+");
        assertThat(stopReply(new Stop.SoftwareBreakpoint())).isEqualTo("T05swbreak:;");
        assertThat(stopReply(new Stop.HardwareBreakpoint())).isEqualTo("T05hwbreak:;");
        assertThat(stopReply(new Stop.Trap())).isEqualTo("S05");
        assertThat(stopReply(new Stop.Fault())).isEqualTo("S0b");
    }

    @Test
    void reportsPlainTrapsToAGdbWithoutSwbreak() throws Exception {
        handshake("qSupported:multiprocess+;hwbreak-");
        assertThat(stopReply(new Stop.SoftwareBreakpoint())).isEqualTo("S05");
        assertThat(stopReply(new Stop.HardwareBreakpoint())).isEqualTo("S05");
    }

    @Test
    void namesEachWatchpointKindAndAddress() throws Exception {
        handshake("qSupported");
        assertThat(stopReply(new Stop.Watchpoint(PointKind.WRITE_WATCHPOINT, 0x10_2000L)))
                .isEqualTo("T05watch:102000;");
        assertThat(stopReply(new Stop.Watchpoint(PointKind.READ_WATCHPOINT, 0x8L))).isEqualTo("T05rwatch:8;");
        assertThat(stopReply(new Stop.Watchpoint(PointKind.ACCESS_WATCHPOINT, -1L)))
                .isEqualTo("T05awatch:ffffffffffffffff;");
        assertThat(stopReply(new Stop.Watchpoint(PointKind.SOFTWARE_BREAKPOINT, 0x8L))).isEqualTo("S05");
    }

    @Test
    void sendsNothingUnaskedForTheInitialStop() throws Exception {
        gdb.raw(RspClient.frame("?"));
        assertThat((char) gdb.read()).as("the ack comes first").isEqualTo('+');
        assertThat(gdb.receive()).isEqualTo("S05");
        continues();
    }
}
