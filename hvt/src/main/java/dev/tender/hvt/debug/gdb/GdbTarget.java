package dev.tender.hvt.debug.gdb;

/**
 * The stopped guest as the gdb stub sees it: registers in gdb's block layout for the architecture, guest memory,
 * and breakpoints. Every call happens while the vCPU is stopped; the stub never resumes the guest itself, it
 * returns a {@link Resume} from {@link GdbSession#stopped} and the run loop enters the guest.
 */
public interface GdbTarget {
    /** The register block of a {@code g} reply, in the target's byte order (little-endian on both hosts). */
    byte[] readRegisters() throws GdbTargetException;

    /** A {@code G} packet's block; a shorter block sets only the registers it covers. */
    void writeRegisters(byte[] block) throws GdbTargetException;

    /** The guest-visible memory size: {@code m}/{@code M} are answered only when {@code addr + len <= size}. */
    long memorySize();

    /** Reads guest memory; the caller has checked the range against {@link #memorySize()}. */
    byte[] readMemory(long addr, int len);

    /** Writes guest memory; the caller has checked the range against {@link #memorySize()}. */
    void writeMemory(long addr, byte[] data);

    /** Inserts a break- or watchpoint; false when no slot is left or the kind/length is not supported. */
    boolean insertPoint(PointKind kind, long addr, int len) throws GdbTargetException;

    /** Removes one; false when there was no such point. */
    boolean removePoint(PointKind kind, long addr, int len) throws GdbTargetException;

    /** Removes every break- and watchpoint (on detach). */
    void removeAllPoints() throws GdbTargetException;
}
