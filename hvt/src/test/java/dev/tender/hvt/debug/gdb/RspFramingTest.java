package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Packet framing: checksums and acks, junk between packets, oversized packets, and QStartNoAckMode. */
class RspFramingTest extends GdbStubTestBase {
    @Test
    void asksAgainForAPacketWithABadChecksum() throws Exception {
        gdb.raw("$?#00");
        assertThat((char) gdb.read()).isEqualTo('-');
        gdb.raw("$?#zz");
        assertThat((char) gdb.read()).isEqualTo('-');
        assertThat(gdb.command("?")).as("the retransmission").isEqualTo("S05");
        continues();
    }

    @Test
    void skipsAcksCtrlCAndJunkBetweenPackets() throws Exception {
        gdb.raw("+-\u0003\u0003junk#00\u00ff\r\n");
        assertThat(gdb.command("?")).isEqualTo("S05");
        gdb.raw("$m0,4");
        assertThat(gdb.command("?")).as("a $ starts the packet again").isEqualTo("S05");
        continues();
    }

    @Test
    void dropsAPacketLongerThanThePacketSize() throws Exception {
        String longest = "q" + "x".repeat(RspChannel.MAX_PAYLOAD - 1);
        assertThat(gdb.command(longest)).isEmpty();
        assertThat(gdb.command(longest + "x")).isEqualTo("E03");
        assertThat(gdb.command("M0,4:" + "00".repeat(1 << 20))).isEqualTo("E03");
        assertThat(gdb.command("m0,2")).isEqualTo("0000");
        continues();
    }

    @Test
    void resendsAReplyGdbRejected() throws Exception {
        gdb.send("?");
        assertThat(gdb.receiveUnacked()).isEqualTo("S05");
        gdb.raw("-");
        assertThat(gdb.receive()).isEqualTo("S05");
        continues();
    }

    @Test
    void givesUpOnAGdbThatRejectsEveryReply() throws Exception {
        gdb.send("?");
        for (int i = 0; i < RspChannel.MAX_SENDS; i++) {
            assertThat(gdb.receiveUnacked()).isEqualTo("S05");
            gdb.raw("-");
        }
        assertThat(failure(loop)).hasMessage("GDB: Exiting as the debugger rejected a reply 5 times.");
    }

    @Test
    void stopsAckingAfterQStartNoAckMode() throws Exception {
        assertThat(gdb.command("QStartNoAckMode")).isEqualTo("OK");
        gdb.stopAcks();
        gdb.raw(RspClient.frame("?"));
        assertThat((char) gdb.read()).as("no ack, the reply at once").isEqualTo('$');
        assertThat(gdb.receiveRest()).isEqualTo("S05");
        gdb.raw("$?#00");
        assertThat(gdb.receive()).as("a bad checksum").isEqualTo("E04");
        assertThat(gdb.command("g")).hasSize(128);
        continues();
    }

    @Test
    void answersUnknownSettingsEmpty() throws Exception {
        assertThat(gdb.command("QStartNoAckMode:1")).isEmpty();
        assertThat(gdb.command("QNonStop:1")).isEmpty();
        assertThat(gdb.command("")).isEmpty();
        continues();
    }
}
