package dev.tender.hvt.debug.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.hvt.arch.aarch64.Arm64CoreRegisters;
import dev.tender.hvt.arch.aarch64.Arm64CoreRegisters.UserPtRegs;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters;
import dev.tender.hvt.arch.x86_64.X86CoreRegisters.UserRegs;
import dev.tender.hvt.sys.CrossTools;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the core-file numbers (CoreFile's ELF and prstatus constants, each architecture's CoreLayout and
 * pr_reg offsets) with what gcc and the aarch64 cross compiler make of their C library's headers. core_layout.c
 * is compiled, not run, for both, and its values read from the object file's .core_layout section.
 */
class CoreRegisterLayoutTest {
    private static final String X86_PACKAGES = "gcc, binutils and libc6-dev (on other hosts gcc-x86-64-linux-gnu,"
            + " binutils-x86-64-linux-gnu and libc6-dev-amd64-cross)";
    private static final String ARM64_PACKAGES =
            "gcc-aarch64-linux-gnu, binutils-aarch64-linux-gnu and libc6-dev-arm64-cross";

    @TempDir
    Path dir;

    private static Map<String, Long> common(CoreLayout layout) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("NT_PRSTATUS", (long) CoreFile.NT_PRSTATUS);
        m.put("ET_CORE", (long) CoreFile.ET_CORE);
        m.put("PT_LOAD", (long) CoreFile.PT_LOAD);
        m.put("PT_NOTE", (long) CoreFile.PT_NOTE);
        m.put("ELFOSABI_STANDALONE", (long) CoreFile.ELFOSABI_STANDALONE);
        m.put("Elf64_Ehdr", (long) CoreFile.EHDR_SIZE);
        m.put("Elf64_Phdr", (long) CoreFile.PHDR_SIZE);
        m.put("Elf64_Nhdr", (long) CoreFile.NOTE_HEADER);
        m.put("elf_prstatus", (long) layout.prstatusSize());
        m.put("elf_prstatus.pr_cursig", (long) CoreFile.PR_CURSIG);
        m.put("elf_prstatus.pr_cursig.size", 2L);
        m.put("elf_prstatus.pr_pid", (long) CoreFile.PR_PID);
        m.put("elf_prstatus.pr_pid.size", 4L);
        m.put("elf_prstatus.pr_reg", (long) layout.prRegOffset());
        m.put("elf_prstatus.pr_reg.size", (long) layout.prRegSize());
        m.put("e_machine", (long) layout.elfMachine());
        return m;
    }

    private static Map<String, Long> x86Values() {
        Map<String, Long> m = common(X86CoreRegisters.LAYOUT);
        m.put("user_regs_struct", (long) UserRegs.SIZE);
        String[] names = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
            "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs"};
        int[] offsets = {UserRegs.R15, UserRegs.R14, UserRegs.R13, UserRegs.R12, UserRegs.RBP, UserRegs.RBX,
            UserRegs.R11, UserRegs.R10, UserRegs.R9, UserRegs.R8, UserRegs.RAX, UserRegs.RCX, UserRegs.RDX,
            UserRegs.RSI, UserRegs.RDI, UserRegs.ORIG_RAX, UserRegs.RIP, UserRegs.CS, UserRegs.EFLAGS, UserRegs.RSP,
            UserRegs.SS, UserRegs.FS_BASE, UserRegs.GS_BASE, UserRegs.DS, UserRegs.ES, UserRegs.FS, UserRegs.GS};
        for (int i = 0; i < names.length; i++) {
            m.put("user_regs_struct." + names[i], (long) offsets[i]);
        }
        return m;
    }

    private static Map<String, Long> arm64Values() {
        Map<String, Long> m = common(Arm64CoreRegisters.LAYOUT);
        m.put("user_pt_regs", (long) UserPtRegs.SIZE);
        for (int n : new int[] {0, 1, 29, 30}) {
            m.put("user_pt_regs.regs[" + n + "]", (long) UserPtRegs.x(n));
        }
        m.put("user_pt_regs.sp", (long) UserPtRegs.SP);
        m.put("user_pt_regs.pc", (long) UserPtRegs.PC);
        m.put("user_pt_regs.pstate", (long) UserPtRegs.PSTATE);
        m.put("user_regs_struct", (long) UserPtRegs.SIZE);
        m.put("user_regs_struct.regs[30]", (long) UserPtRegs.x(30));
        m.put("user_regs_struct.sp", (long) UserPtRegs.SP);
        m.put("user_regs_struct.pc", (long) UserPtRegs.PC);
        m.put("user_regs_struct.pstate", (long) UserPtRegs.PSTATE);
        return m;
    }

    /** Compiles core_layout.c with {@code cc} and returns the values of its .core_layout section. */
    private Map<String, Long> compiled(String cc, String objcopy, String packages) throws Exception {
        Path src = dir.resolve("core_layout.c");
        if (!Files.exists(src)) {
            try (InputStream in = CoreRegisterLayoutTest.class.getResourceAsStream("/core_layout.c")) {
                Files.copy(in, src);
            }
        }
        Path obj = dir.resolve(cc + ".o");
        Path section = dir.resolve(cc + ".txt");
        CrossTools.runNeeding(packages, cc, "-O2", "-Wall", "-Werror", "-c", "-o", obj.toString(), src.toString());
        CrossTools.runNeeding(packages, objcopy, "--dump-section", ".core_layout=" + section, obj.toString());
        Map<String, Long> c = new LinkedHashMap<>();
        for (String line : Files.readAllLines(section, StandardCharsets.US_ASCII)) {
            String[] kv = line.split(" ");
            c.put(kv[0], Long.parseUnsignedLong(kv[1]));
        }
        return c;
    }

    @Test
    void theX86_64HeadersAgreeWithTheX86CoreLayoutAndUserRegsOffsets() throws Exception {
        assertThat(compiled("x86_64-linux-gnu-gcc", "x86_64-linux-gnu-objcopy", X86_PACKAGES))
                .isEqualTo(x86Values());
    }

    @Test
    void theAarch64HeadersAgreeWithTheArm64CoreLayoutAndUserPtRegsOffsets() throws Exception {
        assertThat(compiled("aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objcopy", ARM64_PACKAGES))
                .isEqualTo(arm64Values());
    }
}
