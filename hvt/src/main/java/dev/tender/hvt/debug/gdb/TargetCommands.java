package dev.tender.hvt.debug.gdb;

import dev.tender.hvt.debug.gdb.RspArgs.Malformed;

/**
 * The packets that read or change the stopped guest: {@code g G m M Z z}. Each takes the packet's arguments (the
 * text after its letter) and gives the reply; arguments that do not parse are {@link Malformed}, and a failing
 * target call is a {@link GdbTargetException}, both for the session to answer with an error reply.
 */
final class TargetCommands {
    /** The most bytes one {@code m} reply holds: two hex digits a byte within the packet size. */
    static final int MAX_READ = RspChannel.MAX_PAYLOAD / 2;

    private TargetCommands() {
    }

    /** {@code g}: the register block in hex. */
    static String readRegisters(GdbTarget target) throws GdbTargetException {
        return RspArgs.hex(target.readRegisters());
    }

    /** {@code G hex}: writes the register block. */
    static String writeRegisters(GdbTarget target, String args) throws Malformed, GdbTargetException {
        target.writeRegisters(RspArgs.bytes(args));
        return RspReplies.OK;
    }

    /** {@code m addr,len}: memory in hex, at most {@link #MAX_READ} bytes of it (gdb asks again for the rest). */
    static String readMemory(GdbTarget target, String args) throws Malformed {
        String[] fields = RspArgs.fields(args, ',', 2);
        long addr = RspArgs.number(fields[0]);
        long len = RspArgs.number(fields[1]);
        if (!RspArgs.inside(addr, len, target.memorySize())) {
            return RspReplies.OUTSIDE_MEMORY;
        }
        int count = (int) Math.min(len, MAX_READ);
        return RspArgs.hex(target.readMemory(addr, count));
    }

    /** {@code M addr,len:hex}: writes memory; the data must be exactly {@code len} bytes. */
    static String writeMemory(GdbTarget target, String args) throws Malformed {
        String[] range = RspArgs.fields(args, ':', 2);
        String[] fields = RspArgs.fields(range[0], ',', 2);
        long addr = RspArgs.number(fields[0]);
        long len = RspArgs.number(fields[1]);
        byte[] data = RspArgs.bytes(range[1]);
        if (len != data.length) {
            throw new Malformed("M data is " + data.length + " bytes, not " + Long.toUnsignedString(len));
        }
        if (!RspArgs.inside(addr, len, target.memorySize())) {
            return RspReplies.OUTSIDE_MEMORY;
        }
        target.writeMemory(addr, data);
        return RspReplies.OK;
    }

    /**
     * {@code Z type,addr,kind} (insert) or {@code z type,addr,kind} (remove); {@code kind} is the length in bytes,
     * and any {@code ;cond} list after it is ignored. A type other than 0..4 is not supported.
     */
    static String point(GdbTarget target, boolean insert, String args) throws Malformed, GdbTargetException {
        int end = args.indexOf(';');
        String[] fields = RspArgs.fields(end < 0 ? args : args.substring(0, end), ',', 3);
        PointKind kind = PointKind.ofProtocolType(RspArgs.smallNumber(fields[0]));
        long addr = RspArgs.number(fields[1]);
        int len = RspArgs.smallNumber(fields[2]);
        if (kind == null) {
            return RspReplies.UNSUPPORTED;
        }
        boolean done = insert ? target.insertPoint(kind, addr, len) : target.removePoint(kind, addr, len);
        return done ? RspReplies.OK : RspReplies.POINT_REFUSED;
    }
}
