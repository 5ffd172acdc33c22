package dev.tender.hvt.debug.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.mem.GuestMemory;
import dev.tender.hvt.arch.aarch64.Arm64CoreRegisters;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters;
import dev.tender.hvt.sys.CrossTools;
import dev.tender.hvt.sys.KvmX86.Regs;
import dev.tender.hvt.sys.KvmX86.Sregs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gdb reads the cores: gdb for x86_64, gdb-multiarch for aarch64, first with the core alone, then as a
 * developer runs it, {@code gdb IMAGE CORE}, with a small image compiled here. Nothing is set in gdb: OSABI 255
 * is unknown to it and it falls back to its default, GNU/Linux, whose core reader takes the NT_PRSTATUS note.
 */
class CoreFileGdbTest {
    private static final long MIB = 1L << 20;
    private static final long WORD_AT = 0x100200;
    private static final long WORD = 0x1122334455667788L;
    private static final String GUEST_C = """
            void guest_abort_point(void);
            void _start(void);
            void guest_abort_point(void) { for (;;) { __asm__ __volatile__(""); } }
            void _start(void) { guest_abort_point(); }
            """;

    @TempDir
    Path dir;

    private Path core(String name, CoreLayout layout, byte[] prReg) throws Exception {
        Path core = dir.resolve(name);
        try (GuestMemory mem = GuestMemory.allocate(4 * MIB);
                FileChannel out = FileChannel.open(core, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            mem.putLong(WORD_AT, WORD);
            CoreFile.write(out, layout, prReg, 6, 4242, mem, mem.size());
        }
        return core;
    }

    private Path x86Core(long rip, long rsp) throws Exception {
        ByteBuffer regs = ByteBuffer.allocate(Regs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        regs.putLong(Regs.RIP, rip).putLong(Regs.RSP, rsp).putLong(Regs.RAX, 0xAA).putLong(Regs.RFLAGS, 0x2);
        ByteBuffer sregs = ByteBuffer.allocate(Sregs.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        sregs.putShort(Sregs.CS + Sregs.SEG_SELECTOR, (short) 0x08);
        sregs.putShort(Sregs.SS + Sregs.SEG_SELECTOR, (short) 0x10);
        return core("core.x86_64", X86CoreRegisters.LAYOUT, X86CoreRegisters.prReg(regs, sregs, null));
    }

    private Path arm64Core(long pc, long sp) throws Exception {
        long[] x = new long[31];
        x[0] = 0x55;
        x[30] = 0x1E;
        return core("core.aarch64", Arm64CoreRegisters.LAYOUT, Arm64CoreRegisters.prReg(x, sp, pc, 0x3C5));
    }

    /** Runs {@code gdb} (the command, also its Debian package's name) in batch mode without init files. */
    private static String gdb(String gdb, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = gdb;
        cmd[1] = "-batch";
        cmd[2] = "-nx";
        System.arraycopy(args, 0, cmd, 3, args.length);
        return CrossTools.runNeeding(gdb, cmd);
    }

    /** A compiled test image and the address of its guest_abort_point. */
    private record Image(Path file, long abortPoint) {
    }

    /** Compiles GUEST_C with the {@code triplet} toolchain into a static image at 0x100000. */
    private Image image(String triplet) throws Exception {
        String packages = "gcc-" + triplet.replace('_', '-') + " and binutils-" + triplet.replace('_', '-');
        Path src = Files.writeString(dir.resolve("guest.c"), GUEST_C);
        Path image = dir.resolve("guest." + triplet);
        CrossTools.runNeeding(packages, triplet + "-gcc", "-O1", "-ffreestanding", "-nostdlib", "-static",
                "-no-pie", "-Wl,-Ttext-segment=0x100000", "-Wl,--build-id=none", "-o", image.toString(),
                src.toString());
        String symbols = CrossTools.runNeeding(packages, triplet + "-nm", image.toString());
        for (String line : symbols.split("\n")) {
            if (line.endsWith(" guest_abort_point")) {
                return new Image(image, Long.parseUnsignedLong(line.split(" ")[0], 16));
            }
        }
        throw new AssertionError("no guest_abort_point in\n" + symbols);
    }

    /**
     * Loads {@code core} alone, prints {@code registers} and the word at WORD_AT, checks the signal and the word,
     * and returns gdb's output.
     */
    private static String readCore(String gdb, Path core, String registers) throws Exception {
        String out = gdb(gdb, "-ex", "core-file " + core, "-ex", "info registers " + registers,
                "-ex", "x/gx 0x" + Long.toHexString(WORD_AT));
        assertThat(out).contains("Program terminated with signal SIGABRT")
                .containsPattern("(?m)^0x" + Long.toHexString(WORD_AT) + ":\\s+0x" + Long.toHexString(WORD) + "$");
        return out;
    }

    @Test
    void gdbReadsTheRegistersSignalAndMemoryOfAnX86_64Core() throws Exception {
        String out = readCore("gdb", x86Core(0x100123, 0x200000), "rip rsp rax cs ss");
        assertThat(out).containsPattern("(?m)^rip +0x100123 +0x100123$")
                .containsPattern("(?m)^rsp +0x200000 +0x200000$")
                .containsPattern("(?m)^rax +0xaa +170$")
                .containsPattern("(?m)^cs +0x8 +8$")
                .containsPattern("(?m)^ss +0x10 +16$");
    }

    @Test
    void gdbMultiarchReadsTheRegistersSignalAndMemoryOfAnAarch64Core() throws Exception {
        String out = readCore("gdb-multiarch", arm64Core(0x100123, 0x3FF000), "pc sp x0 x30 cpsr");
        assertThat(out).containsPattern("(?m)^pc +0x100123 +0x100123$")
                .containsPattern("(?m)^sp +0x3ff000 +0x3ff000$")
                .containsPattern("(?m)^x0 +0x55 +85$")
                .containsPattern("(?m)^x30 +0x1e +30$")
                .containsPattern("(?m)^cpsr +0x3c5 ");
    }

    @Test
    void gdbWithTheImageAndTheCoreNamesTheFunctionAnX86_64GuestStoppedIn() throws Exception {
        Image image = image("x86_64-linux-gnu");
        Path core = x86Core(image.abortPoint(), 0x200000);
        String out = gdb("gdb", "-ex", "info registers rip", image.file().toString(), core.toString());
        assertThat(out).contains("in guest_abort_point ()")
                .containsPattern("(?m)^rip +0x[0-9a-f]+ +0x[0-9a-f]+ <guest_abort_point>$");
    }

    @Test
    void gdbMultiarchWithTheImageAndTheCoreNamesTheFunctionAnAarch64GuestStoppedIn() throws Exception {
        Image image = image("aarch64-linux-gnu");
        Path core = arm64Core(image.abortPoint(), 0x3FF000);
        String out = gdb("gdb-multiarch", "-ex", "info registers pc", image.file().toString(), core.toString());
        assertThat(out).contains("in guest_abort_point ()")
                .containsPattern("(?m)^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <guest_abort_point>$");
    }
}
