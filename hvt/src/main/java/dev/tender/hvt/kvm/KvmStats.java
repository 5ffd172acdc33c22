package dev.tender.hvt.kvm;

import dev.tender.core.sys.Errno;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import dev.tender.hvt.sys.KvmApi.StatsDesc;
import dev.tender.hvt.sys.KvmApi.StatsHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KVM's binary statistics of a vCPU (KVM_GET_STATS_FD): a file whose header says where the descriptors (name,
 * type, size, offset) and the values are. The descriptors are read once; a {@link #read} is one pread of the
 * value block. Only single 64-bit values are kept (histograms are left out).
 */
public final class KvmStats implements AutoCloseable {
    /** One statistic: its name, whether it only grows (else an instant or peak value), its offset in the file. */
    public record Stat(String name, boolean cumulative, int fileOffset) {
    }

    private final int fd;
    private final List<Stat> stats;
    private final int dataStart;
    private final NativeMemory data;

    private KvmStats(int fd, List<Stat> stats, int dataStart, int dataLength) {
        this.fd = fd;
        this.stats = stats;
        this.dataStart = dataStart;
        this.data = new NativeMemory(Math.max(dataLength, 8));
    }

    /** Reads the layout of the statistics file {@code fd} (which this object then owns). */
    public static KvmStats open(int fd) throws ErrnoException {
        try {
            ByteBuffer header = read(fd, 0, StatsHeader.SIZE);
            int nameSize = header.getInt(StatsHeader.NAME_SIZE);
            int count = header.getInt(StatsHeader.NUM_DESC);
            int descStart = header.getInt(StatsHeader.DESC_OFFSET);
            int dataStart = header.getInt(StatsHeader.DATA_OFFSET);
            if (nameSize <= 0 || nameSize > 4096 || count < 0 || count > 4096) {
                throw new ErrnoException("KVM stats: unexpected header", Errno.EINVAL);
            }
            List<Stat> stats = parse(read(fd, descStart, count * (StatsDesc.NAME + nameSize)), count, nameSize,
                    dataStart);
            int end = 0;
            for (Stat s : stats) {
                end = Math.max(end, s.fileOffset() - dataStart + 8);
            }
            return new KvmStats(fd, stats, dataStart, end);
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** The descriptors in {@code descs} that are one 64-bit cumulative, instant or peak value. */
    static List<Stat> parse(ByteBuffer descs, int count, int nameSize, int dataStart) {
        List<Stat> out = new ArrayList<>();
        int stride = StatsDesc.NAME + nameSize;
        for (int i = 0; i < count; i++) {
            int at = i * stride;
            int type = descs.getInt(at + StatsDesc.FLAGS) & StatsDesc.TYPE_MASK;
            int size = Short.toUnsignedInt(descs.getShort(at + StatsDesc.SIZE));
            if (size != 1 || type > StatsDesc.TYPE_PEAK) {
                continue;
            }
            byte[] name = new byte[nameSize];
            descs.get(at + StatsDesc.NAME, name);
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            out.add(new Stat(new String(name, 0, len, StandardCharsets.US_ASCII),
                    type == StatsDesc.TYPE_CUMULATIVE, dataStart + descs.getInt(at + StatsDesc.OFFSET)));
        }
        return List.copyOf(out);
    }

    public List<Stat> stats() {
        return stats;
    }

    /** The current values, in the order of {@link #stats}. */
    public long[] read() throws ErrnoException {
        LibC.pread(fd, data.address(), data.size(), dataStart);
        long[] values = new long[stats.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.getLong(stats.get(i).fileOffset() - dataStart);
        }
        return values;
    }

    /** The descriptor, which the seccomp filter lets the stats thread pread. */
    public int fd() {
        return fd;
    }

    private static ByteBuffer read(int fd, long offset, int length) throws ErrnoException {
        try (NativeMemory m = new NativeMemory(Math.max(length, 1))) {
            long n = LibC.pread(fd, m.address(), length, offset);
            if (n != length) {
                throw new ErrnoException("KVM stats: short read", Errno.EIO);
            }
            return ByteBuffer.wrap(m.read(0, length)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
        data.close();
    }
}
