package dev.tender.hvt.debug.gdb;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.hvt.debug.gdb.RspArgs.Malformed;
import java.io.IOException;
import java.net.Socket;

/**
 * One debugger's connection, from {@link GdbServer#accept}: the run loop calls {@link #stopped} each time the guest
 * stops, and the stub answers gdb's packets until gdb continues, steps or detaches.
 *
 * <p>Error replies (the stub's own numbers): {@code E01} m/M range outside guest memory; {@code E02} malformed
 * arguments (bad hex, a missing separator, a number past 64 bits, M data not {@code len} bytes); {@code E03} a
 * packet longer than the advertised PacketSize (0x4000 bytes of payload), read to its {@code #xx} and dropped;
 * {@code E04} a bad checksum once acknowledgments are off; {@code E14} the target failed (a KVM call); {@code E22}
 * Z/z refused (no slot left, kind or length not supported, no such point). Unsupported packets get the empty
 * reply. {@code X} (binary write) is unsupported, so gdb writes memory with {@code M}.
 */
public final class GdbSession implements AutoCloseable {
    private static final String LOST = "GDB: Exiting as we could not receive the next command from the debugger.";
    private static final String SEND_FAILED = "GDB: Exiting as we could not send a reply to the debugger.";

    private final RspChannel channel;
    private final Diagnostics diag;
    private boolean swbreak;
    private boolean hwbreak;
    private boolean detached;

    GdbSession(Socket socket, Diagnostics diag) throws IOException {
        this.channel = new RspChannel(socket);
        this.diag = diag;
    }

    /**
     * The guest is stopped for {@code stop}: answers gdb's packets until it says continue, step or detach, and
     * returns that. For {@link Stop.Initial} gdb asks for the stop reply itself ({@code ?}); after any other stop
     * gdb is waiting for it, so it is sent first. Once detached, returns {@link Resume#DETACHED} at once.
     */
    public Resume stopped(Stop stop, GdbTarget target) throws TenderException {
        if (detached) {
            return Resume.DETACHED;
        }
        String stopReply = RspReplies.stop(stop, swbreak, hwbreak);
        if (!(stop instanceof Stop.Initial)) {
            reply(stopReply);
        }
        while (true) {
            String packet;
            try {
                packet = channel.receive();
            } catch (IOException e) {
                throw new TenderException(LOST);
            }
            if (packet.equals("c")) {
                return Resume.CONTINUE;
            }
            if (packet.equals("s")) {
                return Resume.STEP;
            }
            if (!packet.startsWith("D")) {
                reply(answer(packet, stopReply, target));
            } else if (detach(target)) {
                return Resume.DETACHED;
            }
        }
    }

    /** The guest exited with {@code status} (0..255): tells gdb with a {@code W} packet, not waiting for an ack. */
    public void exited(int status) {
        sendLast(RspReplies.exited(status & 0xff));
    }

    /** The tender ends the guest otherwise: tells gdb with {@code X09} (SIGKILL), not waiting for an ack. */
    public void terminated() {
        sendLast(RspReplies.killed());
    }

    /** True once gdb has detached ({@code D}); the connection is closed then. */
    public boolean detached() {
        return detached;
    }

    @Override
    public void close() {
        channel.close();
    }

    /** {@code D}: removes every point and ends the session; if that fails, gdb hears so and stays attached. */
    private boolean detach(GdbTarget target) throws TenderException {
        try {
            target.removeAllPoints();
        } catch (GdbTargetException e) {
            reply(RspReplies.TARGET_FAILED);
            return false;
        }
        diag.warn("Debugger detached");
        reply(RspReplies.OK);
        detached = true;
        channel.close();
        return true;
    }

    private String answer(String packet, String stopReply, GdbTarget target) {
        if (packet.isEmpty()) {
            return RspReplies.UNSUPPORTED;
        }
        String args = packet.substring(1);
        try {
            switch (packet.charAt(0)) {
                case '?':
                    return stopReply;
                case 'g':
                    return TargetCommands.readRegisters(target);
                case 'G':
                    return TargetCommands.writeRegisters(target, args);
                case 'm':
                    return TargetCommands.readMemory(target, args);
                case 'M':
                    return TargetCommands.writeMemory(target, args);
                case 'Z':
                    return TargetCommands.point(target, true, args);
                case 'z':
                    return TargetCommands.point(target, false, args);
                case 'k':
                    diag.warn("Debugger asked us to quit");
                    return RspReplies.OK;
                case 'q':
                    return query(packet);
                case 'Q':
                    return setting(packet);
                default:
                    return RspReplies.UNSUPPORTED;
            }
        } catch (Malformed e) {
            return RspReplies.MALFORMED;
        } catch (GdbTargetException e) {
            return RspReplies.TARGET_FAILED;
        }
    }

    /** {@code q} packets: only qSupported and qAttached have answers. */
    private String query(String packet) {
        if (packet.equals("qSupported") || packet.startsWith("qSupported:")) {
            String features = ";" + packet.substring(packet.indexOf(':') + 1) + ";";
            swbreak = features.contains(";swbreak+;");
            hwbreak = features.contains(";hwbreak+;");
            return "PacketSize=" + Integer.toHexString(RspChannel.MAX_PAYLOAD) + ";swbreak+;hwbreak+;QStartNoAckMode+";
        }
        if (packet.equals("qAttached") || packet.startsWith("qAttached:")) {
            return "1";
        }
        return RspReplies.UNSUPPORTED;
    }

    /** {@code Q} packets: only QStartNoAckMode. gdb still acks its OK, and the stray {@code +} is skipped. */
    private String setting(String packet) {
        if (packet.equals("QStartNoAckMode")) {
            channel.stopAcks();
            return RspReplies.OK;
        }
        return RspReplies.UNSUPPORTED;
    }

    private void reply(String answer) throws TenderException {
        try {
            channel.send(answer);
        } catch (IOException e) {
            throw new TenderException(SEND_FAILED);
        }
    }

    private void sendLast(String packet) {
        if (detached) {
            return;
        }
        try {
            channel.sendLast(packet);
        } catch (IOException e) {
            // the guest is gone either way; gdb notices the closed connection
        }
    }
}
