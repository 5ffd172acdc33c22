package dev.tender.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.HvtAbi;
import dev.tender.hvt.arch.x86_64.X86Boot;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import dev.tender.hvt.boot.BootInfo;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import dev.tender.net.HvtRing;
import dev.tender.spt.SptAbi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the layout of every hvt/spt ABI structure in the guest headers (guest/include/mft_abi.h,
 * guest/runtime/hvt/hvt_abi.h, guest/runtime/spt/spt_abi.h) with the numbers the Java tenders use. The C side
 * is src/test/resources/guest_abi_layout.c, compiled (not run) by gcc and aarch64-linux-gnu-gcc; its values
 * are read back from the object's .abi_layout section ({@link CompiledValues}). Public Java constants are
 * referenced; offsets the Java code writes as private literals are given here as docs/abi.md documents them, with
 * the class named.
 */
class GuestAbiLayoutTest {
    @TempDir
    Path tmp;

    /** What the Java side uses, by the name guest_abi_layout.c gives each value. */
    private static Map<String, Long> javaValues() {
        Map<String, Long> m = new LinkedHashMap<>();
        // hvt boot info: size public (BootInfo.SIZE); offsets are literals in dev.tender.hvt.boot.BootInfo.write
        // (docs/abi.md §6.1).
        m.put("hvt_boot_info", (long) BootInfo.SIZE);
        long[] boot = {0, 8, 16, 24, 32, 40, 44, 48};
        String[] bootFields = {"mem_size", "kernel_end", "cpu_cycle_freq", "cmdline", "mft", "host_features",
            "guest_features", "net_ring"};
        for (int i = 0; i < boot.length; i++) {
            m.put("hvt_boot_info." + bootFields[i], boot[i]);
        }
        m.put("HVT_BOOT_INFO_GPA", X86Boot.BOOT_INFO);
        m.put("HVT_HYPERCALL_PIO_BASE", (long) X86HvtArch.PIO_BASE);
        m.put("HVT_HALT_COOKIE_SIZE", (long) HvtAbi.HALT_COOKIE_SIZE);
        m.put("HVT_HOST_FEATURE_RING_IO", (long) BootInfo.HOST_FEATURE_RING_IO);

        // Hypercall arguments: private literals in dev.tender.hvt.CoreHypercalls (walltime, puts, poll, halt),
        // dev.tender.block.BlockHypercalls and dev.tender.net.NetHypercalls (docs/abi.md §7.3-7.8).
        m.put("hvt_hc_walltime", 8L);
        m.put("hvt_hc_walltime.nsecs", 0L);
        m.put("hvt_hc_puts", 16L);
        m.put("hvt_hc_puts.data", 0L);
        m.put("hvt_hc_puts.len", 8L);
        m.put("hvt_hc_poll", 24L);
        m.put("hvt_hc_poll.timeout_nsecs", 0L);
        m.put("hvt_hc_poll.ready_set", 8L);
        m.put("hvt_hc_poll.ret", 16L);
        m.put("hvt_hc_block_io", 40L);
        m.put("hvt_hc_block_io.handle", 0L);
        m.put("hvt_hc_block_io.offset", 8L);
        m.put("hvt_hc_block_io.data", 16L);
        m.put("hvt_hc_block_io.len", 24L);
        m.put("hvt_hc_block_io.ret", 32L);
        m.put("hvt_hc_net_io", 32L);
        m.put("hvt_hc_net_io.handle", 0L);
        m.put("hvt_hc_net_io.data", 8L);
        m.put("hvt_hc_net_io.len", 16L);
        m.put("hvt_hc_net_io.ret", 24L);
        m.put("hvt_hc_halt", 16L);
        m.put("hvt_hc_halt.cookie", 0L);
        m.put("hvt_hc_halt.exit_status", 8L);

        // Ring I/O: the size from HvtRing (net-tap); the offsets below are HvtRing's constants too, used by
        // dev.tender.net.RingWorker (docs/abi.md §8.1).
        m.put("hvt_ring", (long) HvtRing.SIZE);
        m.put("hvt_ring.align", 8L);
        m.put("hvt_ring.ent_tail", 0L);
        m.put("hvt_ring.com_head", 4L);
        m.put("hvt_ring.ent_head", 64L);
        m.put("hvt_ring.com_tail", 68L);
        m.put("hvt_ring.needs_kick", 72L);
        m.put("hvt_ring.entries", 128L);
        m.put("hvt_ring.commits", 32896L);
        m.put("hvt_ring_entry", 32L);
        m.put("hvt_ring_entry.operation", 0L);
        m.put("hvt_ring_entry.handle", 4L);
        m.put("hvt_ring_entry.data", 8L);
        m.put("hvt_ring_entry.len", 16L);
        m.put("hvt_ring_entry.id", 20L);
        m.put("hvt_ring_commit", 16L);
        m.put("hvt_ring_commit.id", 0L);
        m.put("hvt_ring_commit.ret", 4L);
        m.put("hvt_ring_commit.len", 8L);
        m.put("HVT_RING_SLOTS", 1024L);
        m.put("HVT_RING_MASK", 1023L);
        m.put("HVT_RING_KICK_PORT", (long) X86HvtArch.KICK_PORT);

        // spt boot info: size and base public (SptAbi); offsets are written in order by dev.tender.spt.BootInfo
        // (docs/abi.md §13).
        m.put("spt_boot_info", (long) SptAbi.BOOT_INFO_SIZE);
        m.put("spt_boot_info.mem_size", 0L);
        m.put("spt_boot_info.kernel_end", 8L);
        m.put("spt_boot_info.cmdline", 16L);
        m.put("spt_boot_info.mft", 24L);
        m.put("spt_boot_info.epollfd", 32L);
        m.put("spt_boot_info.timerfd", 36L);
        m.put("SPT_BOOT_INFO_BASE", SptAbi.BOOT_INFO_BASE);

        // Manifest: sizes public (Manifest, ManifestEntry); entry offsets are ManifestEntry.OFF_* (package-private).
        m.put("mft_entry", (long) ManifestEntry.SIZE);
        m.put("mft_entry.name", 0L);
        m.put("mft_entry.type", 68L);
        m.put("mft_entry.u.block_basic.capacity", 72L);
        m.put("mft_entry.u.block_basic.block_size", 80L);
        m.put("mft_entry.u.net_basic.mac", 72L);
        m.put("mft_entry.u.net_basic.mtu", 78L);
        m.put("mft_entry.b.hostfd", 88L);
        m.put("mft_entry.attached", 96L);
        m.put("mft.version", 0L);
        m.put("mft.entries", 4L);
        m.put("mft.e", (long) Manifest.HEADER_SIZE);
        m.put("mft1_nhdr", 20L);
        m.put("mft1_note.m", 24L);
        m.put("MFT_NAME_SIZE", (long) ManifestEntry.NAME_SIZE);
        m.put("MFT_NAME_MAX", (long) ManifestEntry.NAME_MAX);
        m.put("MFT_MAX_ENTRIES", (long) Manifest.MAX_ENTRIES);
        m.put("MFT_VERSION", (long) Manifest.VERSION);
        m.put("MFT1_NOTE_TYPE", (long) Manifest.NOTE_TYPE);
        m.put("MFT1_NOTE_ALIGN", (long) Manifest.NOTE_ALIGN);
        m.put("MFT1_NOTE_MAX_SIZE", (long) Manifest.NOTE_MAX_SIZE);
        return m;
    }

    @Test
    void x86_64HeadersMatchTheJavaLayouts() throws Exception {
        check("x86_64", "gcc", "objcopy");
    }

    @Test
    void aarch64HeadersMatchTheJavaLayouts() throws Exception {
        assertThat(CompiledValues.onPath("aarch64-linux-gnu-gcc") && CompiledValues.onPath("aarch64-linux-gnu-objcopy"))
                .as("aarch64-linux-gnu-gcc and -objcopy on PATH (apt-get install gcc-aarch64-linux-gnu "
                        + "binutils-aarch64-linux-gnu)").isTrue();
        check("aarch64", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objcopy");
    }

    private void check(String arch, String cc, String objcopy) throws Exception {
        Map<String, Long> c = compile(cc, objcopy);
        List<String> wrong = new ArrayList<>();
        javaValues().forEach((name, java) -> {
            Long header = c.get(name);
            if (header == null) {
                wrong.add(name + ": not emitted by guest_abi_layout.c");
            } else if (!header.equals(java)) {
                wrong.add(name + ": the guest headers (" + arch + ") say " + header + ", the Java code uses " + java);
            }
        });
        c.keySet().stream().filter(k -> !javaValues().containsKey(k))
                .forEach(k -> wrong.add(k + ": emitted by guest_abi_layout.c but not checked"));
        assertThat(wrong).as("ABI layout mismatches (" + arch + ")").isEmpty();
    }

    private Map<String, Long> compile(String cc, String objcopy) throws Exception {
        return CompiledValues.of(tmp, "guest_abi_layout.c", ".abi_layout", cc, objcopy,
                List.of(CompiledValues.GUEST.resolve("include"), CompiledValues.GUEST.resolve("runtime/hvt"),
                        CompiledValues.GUEST.resolve("runtime/spt")));
    }
}
