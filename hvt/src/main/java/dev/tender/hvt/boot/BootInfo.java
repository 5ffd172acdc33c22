package dev.tender.hvt.boot;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import java.nio.charset.Charset;
import java.util.List;

/**
 * struct hvt_boot_info at the architecture's boot info address, then the manifest copy and the command line
 * (docs/abi.md §6).
 */
public final class BootInfo {
    public static final int SIZE = 56;
    public static final int CMDLINE_MAX = 8192;
    public static final int HOST_FEATURE_RING_IO = 1;

    private BootInfo() {
    }

    /** The guest arguments joined with single spaces, as bytes in the host's argument encoding. */
    public static byte[] commandLine(List<String> args) throws TenderException {
        Charset cs = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        byte[] line = String.join(" ", args).getBytes(cs);
        if (line.length >= CMDLINE_MAX) {
            throw new TenderException("Guest command line too long (max=" + (CMDLINE_MAX - 1) + " characters)");
        }
        return line;
    }

    /** Writes the boot info at {@code base}, then the manifest copy and the NUL-terminated command line. */
    public static void write(GuestMemory mem, long base, long kernelEnd, long cycleFreq, byte[] manifest,
            byte[] cmdline, int hostFeatures, long netRing) {
        long mft = base + SIZE;
        long cmd = mft + manifest.length;
        mem.putLong(base, mem.size());
        mem.putLong(base + 8, kernelEnd);
        mem.putLong(base + 16, cycleFreq);
        mem.putLong(base + 24, cmd);
        mem.putLong(base + 32, mft);
        mem.putInt(base + 40, hostFeatures);
        mem.putInt(base + 44, 0);
        mem.putLong(base + 48, netRing);
        mem.write(mft, manifest);
        mem.write(cmd, cmdline);
        mem.putByte(cmd + cmdline.length, (byte) 0);
    }
}
