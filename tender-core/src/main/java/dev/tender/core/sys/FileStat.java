package dev.tender.core.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** What statx(2) reports for a file ({@link CheckedOpen} reads it): the file type and permission bits, and the size. */
public record FileStat(int mode, long size) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    static final int AT_FDCWD = -100;
    static final int AT_EMPTY_PATH = 0x1000;
    /** STATX_TYPE | STATX_SIZE: what tender asks statx(2) for. */
    static final int STATX_MASK = 0x1 | 0x200;
    /** sizeof(struct statx); stx_mode is the u16 at offset 28, stx_size the u64 at 40 on every architecture. */
    static final int STATX_BYTES = 256;
    private static final int STX_MODE = 28;
    private static final int STX_SIZE = 40;

    /** The fields tender uses from a struct statx that statx(2) filled. */
    static FileStat fromStatx(byte[] statx) {
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        return new FileStat(b.getShort(STX_MODE) & 0xffff, b.getLong(STX_SIZE));
    }

    /** The file type bits of {@link #mode}. */
    public int type() {
        return mode & S_IFMT;
    }

    public boolean isRegularFile() {
        return type() == S_IFREG;
    }

    public boolean isBlockDevice() {
        return type() == S_IFBLK;
    }
}
