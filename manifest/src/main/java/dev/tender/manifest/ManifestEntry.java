package dev.tender.manifest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code struct mft_entry} (104 bytes, {@code docs/manifest.md} §1.2).
 *
 * <p>The entry is backed by its raw bytes, exactly as read from the image, and
 * the setters write into them the way C would: {@code u} is a union, so
 * {@link #setMac} overwrites the low bytes of {@link #capacity()} and vice
 * versa, and {@link #setHostFd} writes only the 4 bytes at offset 88. Bytes
 * nobody writes (padding, garbage after the name's NUL) are kept, so
 * {@link Manifest#encode()} hands the guest the same copy Solo5 would.
 *
 * <p>Mutable on purpose: the tender fills in the device properties while it
 * attaches devices. Not thread-safe.
 */
public final class ManifestEntry {
    public static final int SIZE = 104;
    public static final int NAME_SIZE = 68;
    public static final int NAME_MAX = 67;
    static final int OFF_TYPE = 68;
    static final int OFF_CAPACITY = 72;
    static final int OFF_BLOCK_SIZE = 80;
    static final int OFF_MAC = 72;
    static final int OFF_MTU = 78;
    static final int OFF_HOSTFD = 88;
    static final int OFF_ATTACHED = 96;

    private final int index;
    private final ByteBuffer raw;

    ManifestEntry(int index, byte[] raw) {
        if (raw.length != SIZE) {
            throw new IllegalArgumentException("entry must be " + SIZE + " bytes");
        }
        this.index = index;
        this.raw = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A fresh entry with the given name (ASCII, at most 67 bytes) and raw type. */
    static ManifestEntry create(int index, byte[] name, int type) {
        if (name.length > NAME_MAX) {
            throw new IllegalArgumentException("name longer than " + NAME_MAX + " bytes");
        }
        byte[] raw = new byte[SIZE];
        System.arraycopy(name, 0, raw, 0, name.length);
        ManifestEntry e = new ManifestEntry(index, raw);
        e.raw.putInt(OFF_TYPE, type);
        return e;
    }

    /** Position in the manifest; this is the device's {@code solo5_handle_t}. */
    public int index() {
        return index;
    }

    /** The name bytes up to (not including) the first NUL. */
    public byte[] nameBytes() {
        byte[] a = raw.array();
        int n = 0;
        while (n < NAME_SIZE && a[n] != 0) {
            n++;
        }
        return Arrays.copyOf(a, n);
    }

    /** The name, decoded as UTF-8 (real names are ASCII alphanumerics). */
    public String name() {
        return new String(nameBytes(), StandardCharsets.UTF_8);
    }

    /** Raw {@code type} (a u32). */
    public int typeCode() {
        return raw.getInt(OFF_TYPE);
    }

    public DeviceType type() {
        return DeviceType.fromCode(typeCode());
    }

    /** {@code u.block_basic.capacity}, bytes (u64). */
    public long capacity() {
        return raw.getLong(OFF_CAPACITY);
    }

    public void setCapacity(long capacity) {
        raw.putLong(OFF_CAPACITY, capacity);
    }

    /** {@code u.block_basic.block_size} (u16, 0..65535). */
    public int blockSize() {
        return Short.toUnsignedInt(raw.getShort(OFF_BLOCK_SIZE));
    }

    public void setBlockSize(int blockSize) {
        raw.putShort(OFF_BLOCK_SIZE, (short) blockSize);
    }

    /** A copy of {@code u.net_basic.mac}. */
    public byte[] mac() {
        byte[] m = new byte[6];
        raw.get(OFF_MAC, m);
        return m;
    }

    public void setMac(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes");
        }
        raw.put(OFF_MAC, mac);
    }

    /** {@code u.net_basic.mtu} (u16, 0..65535). */
    public int mtu() {
        return Short.toUnsignedInt(raw.getShort(OFF_MTU));
    }

    public void setMtu(int mtu) {
        raw.putShort(OFF_MTU, (short) mtu);
    }

    /** {@code b.hostfd}. */
    public int hostFd() {
        return raw.getInt(OFF_HOSTFD);
    }

    public void setHostFd(int fd) {
        raw.putInt(OFF_HOSTFD, fd);
    }

    public boolean attached() {
        return raw.get(OFF_ATTACHED) != 0;
    }

    public void setAttached(boolean attached) {
        raw.put(OFF_ATTACHED, (byte) (attached ? 1 : 0));
    }

    /** Whether {@code name[67]} is NUL (validation rule 8). */
    boolean nameTerminated() {
        return raw.get(NAME_MAX) == 0;
    }

    void copyTo(ByteBuffer dst) {
        dst.put(raw.array());
    }

    @Override
    public String toString() {
        return "ManifestEntry[" + index + ", name=" + name() + ", type=" + DeviceType.printName(typeCode())
                + ", attached=" + attached() + "]";
    }
}
