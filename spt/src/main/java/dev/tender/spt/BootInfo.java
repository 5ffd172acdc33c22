package dev.tender.spt;

import dev.tender.core.TenderException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The bytes the launcher writes at 0x11000: {@code struct spt_boot_info} (40 bytes), the manifest copy with the
 * real host fds, and the NUL-terminated command line (docs/abi.md §14).
 */
public final class BootInfo {
    private BootInfo() {
    }

    /** The guest arguments joined with single spaces, in the host's argument encoding. */
    public static byte[] commandLine(List<String> args) throws TenderException {
        Charset cs = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        byte[] line = String.join(" ", args).getBytes(cs);
        if (line.length >= SptAbi.CMDLINE_MAX) {
            throw new TenderException("Guest command line too long (max=" + (SptAbi.CMDLINE_MAX - 1)
                    + " characters)");
        }
        return line;
    }

    public static byte[] encode(long memSize, long kernelEnd, byte[] manifest, byte[] cmdline, int epollFd,
            int timerFd) {
        long mft = SptAbi.MANIFEST_BASE;
        long cmd = mft + manifest.length;
        ByteBuffer b = ByteBuffer.allocate(SptAbi.BOOT_INFO_SIZE + manifest.length + cmdline.length + 1)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(memSize).putLong(kernelEnd).putLong(cmd).putLong(mft).putInt(epollFd).putInt(timerFd);
        b.put(manifest).put(cmdline).put((byte) 0);
        return b.array();
    }
}
