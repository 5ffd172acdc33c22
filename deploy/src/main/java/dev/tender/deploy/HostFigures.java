package dev.tender.deploy;

import dev.tender.core.stats.Families;
import dev.tender.core.stats.MetricFamily;
import dev.tender.core.stats.MetricFamily.Type;
import dev.tender.core.stats.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host knows of an instance from outside its tender: the process's CPU time, resident memory and I/O
 * calls (/proc/PID), and its TAPs' kernel counters (/sys/class/net/TAP/statistics). For spt this is all there is
 * (the guest is the process and does its own I/O); for hvt it adds memory and the frames the kernel dropped.
 * Counters are from the guest's side: a TAP's kernel rx is the guest's tx.
 */
public final class HostFigures {
    /** USER_HZ, the unit of utime and stime in /proc/PID/stat: 100 on every Linux ABI tender runs on. */
    static final long TICKS_PER_SECOND = 100;
    static final MetricFamily RX_DROPPED = new MetricFamily("net_rx_dropped", Type.COUNTER,
            "Frames for the guest the TAP dropped (the guest was slow)");
    static final MetricFamily TX_DROPPED = new MetricFamily("net_tx_dropped", Type.COUNTER,
            "Frames from the guest the host's stack dropped");
    static final MetricFamily RSS = new MetricFamily("resident_memory_bytes", Type.GAUGE,
            "Resident memory of the tender process (JVM and guest pages it touched)");
    static final MetricFamily READS = new MetricFamily("process_read_calls", Type.COUNTER,
            "read-type system calls of the process (all its descriptors)");
    static final MetricFamily WRITES = new MetricFamily("process_write_calls", Type.COUNTER,
            "write-type system calls of the process (all its descriptors)");
    static final MetricFamily READ_BYTES = new MetricFamily("process_read_bytes", Type.COUNTER,
            "Bytes the process read through system calls (all its descriptors)");
    static final MetricFamily WRITTEN_BYTES = new MetricFamily("process_written_bytes", Type.COUNTER,
            "Bytes the process wrote through system calls (all its descriptors)");

    private final Path proc;
    private final Path sysNet;

    public HostFigures(Path proc, Path sysNet) {
        this.proc = proc;
        this.sysNet = sysNet;
    }

    /** The machine's own /proc and /sys/class/net. */
    public static HostFigures system() {
        return new HostFigures(Path.of("/proc"), Path.of("/sys/class/net"));
    }

    /**
     * The process figures of {@code pid}; with {@code io} also its I/O calls (spt, whose I/O is the guest's). Figures
     * the kernel does not show (the process just ended, no permission) are left out.
     */
    public List<Sample> process(long pid, boolean io) {
        List<Sample> out = new ArrayList<>();
        Path dir = proc.resolve(Long.toString(pid));
        String stat = read(dir.resolve("stat"));
        if (stat != null) {
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            if (f.length > 12) {
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                out.add(new Sample(Families.CPU, List.of(), ticks * (1_000_000 / TICKS_PER_SECOND)));
            }
        }
        Map<String, Long> status = fields(read(dir.resolve("status")));
        if (status.containsKey("VmRSS")) {
            out.add(new Sample(RSS, List.of(), status.get("VmRSS") * 1024));
        }
        if (io) {
            Map<String, Long> ioFields = fields(read(dir.resolve("io")));
            add(out, READS, ioFields.get("syscr"));
            add(out, WRITES, ioFields.get("syscw"));
            add(out, READ_BYTES, ioFields.get("rchar"));
            add(out, WRITTEN_BYTES, ioFields.get("wchar"));
        }
        return out;
    }

    /**
     * The kernel's counters of the TAP behind NET device {@code device}: drops always, and with {@code traffic} the
     * frames and bytes too (spt, where no tender counts them).
     */
    public List<Sample> tap(String device, String tap, boolean traffic) {
        List<Sample> out = new ArrayList<>();
        Path dir = sysNet.resolve(tap).resolve("statistics");
        List<String> labels = List.of("device", device, "interface", tap);
        if (traffic) {
            addTap(out, dir, "tx_packets", Families.NET_RX_PACKETS, labels);
            addTap(out, dir, "tx_bytes", Families.NET_RX_BYTES, labels);
            addTap(out, dir, "rx_packets", Families.NET_TX_PACKETS, labels);
            addTap(out, dir, "rx_bytes", Families.NET_TX_BYTES, labels);
        }
        addTap(out, dir, "tx_dropped", RX_DROPPED, labels);
        addTap(out, dir, "rx_dropped", TX_DROPPED, labels);
        return out;
    }

    private static void addTap(List<Sample> out, Path dir, String file, MetricFamily f, List<String> labels) {
        String v = read(dir.resolve(file));
        if (v != null && v.strip().matches("[0-9]{1,20}")) {
            out.add(new Sample(f, labels, Long.parseUnsignedLong(v.strip())));
        }
    }

    private static void add(List<Sample> out, MetricFamily f, Long v) {
        if (v != null) {
            out.add(new Sample(f, List.of(), v));
        }
    }

    /** {@code Key: 123 kB} lines as key → first number. */
    static Map<String, Long> fields(String text) {
        Map<String, Long> m = new HashMap<>();
        if (text == null) {
            return m;
        }
        for (String line : text.split("\n")) {
            int at = line.indexOf(':');
            if (at > 0) {
                String[] words = line.substring(at + 1).trim().split("\\s+");
                if (words.length > 0 && words[0].matches("[0-9]{1,19}")) {
                    m.put(line.substring(0, at).trim(), Long.parseLong(words[0]));
                }
            }
        }
        return m;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
