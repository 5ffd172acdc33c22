package dev.tender.core.sys;

/** What {@link LibC#fstat} and {@link LibC#stat} report: the file type and permission bits, and the size. */
public record FileStat(int mode, long size) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

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
