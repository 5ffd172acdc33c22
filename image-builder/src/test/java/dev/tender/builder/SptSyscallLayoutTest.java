package dev.tender.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.spt.arch.SptArch;
import dev.tender.spt.arch.aarch64.Aarch64SptArch;
import dev.tender.spt.arch.x86_64.X86SptArch;
import dev.tender.core.seccomp.Syscall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system call layer of spt and the seccomp tables of both tenders, per architecture, against the kernel's own headers: the numbers and structures
 * of guest/runtime/spt/spt_syscall.h (shared by the guest runtime and the launcher) and the numbers, audit arch
 * and foreign-ABI bit of the Java {@link SptArch}. The C side is src/test/resources/spt_syscall_layout.c,
 * compiled (not run) by x86_64- and aarch64-linux-gnu-gcc with their kernel headers ({@link CompiledValues}).
 */
class SptSyscallLayoutTest {
    @TempDir
    Path tmp;

    /** The tools by their GNU triplet names, which Debian has for the native and the cross tool chains alike. */
    @Test
    void x86_64() throws Exception {
        check(X86SptArch.INSTANCE, "x86_64-linux-gnu", "gcc-x86-64-linux-gnu libc6-dev-amd64-cross");
    }

    @Test
    void aarch64() throws Exception {
        check(Aarch64SptArch.INSTANCE, "aarch64-linux-gnu", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross");
    }

    private void check(SptArch arch, String triplet, String packages) throws Exception {
        requireTool(triplet + "-gcc", packages);
        Map<String, Long> c = compile(triplet + "-gcc", triplet + "-objcopy");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Long> e : c.entrySet()) {
            if (e.getKey().startsWith("spt ")) {
                String what = e.getKey().substring(4);
                Long kernel = c.get("kernel " + what);
                if (!e.getValue().equals(kernel)) {
                    wrong.add(what + ": spt_syscall.h says " + e.getValue() + ", the kernel headers " + kernel);
                }
            }
        }
        for (Syscall call : Syscall.values()) {
            String name = call.name().toLowerCase(Locale.ROOT);
            Long kernel = c.get("kernel " + name);
            if (call == Syscall.ARCH_PRCTL && !c.containsKey("kernel-has arch_prctl")) {
                assertThat(kernel).as("arch_prctl is not emitted where the kernel lacks it").isNull();
                assertThatMissing(arch, call);
                continue;
            }
            if (kernel == null) {
                wrong.add(name + ": not emitted by spt_syscall_layout.c");
            } else if (arch.number(call) != kernel) {
                wrong.add(name + ": " + arch.getClass().getSimpleName() + " says " + arch.number(call)
                        + ", the kernel headers " + kernel);
            }
        }
        assertThat(wrong).as("system call layer mismatches (" + arch.name() + ")").isEmpty();
        assertThat((long) arch.auditArch()).as("audit arch").isEqualTo(c.get("audit"));
        assertThat((long) arch.foreignAbiBit()).as("foreign ABI bit").isEqualTo(c.getOrDefault("foreign-abi-bit", 0L));
    }

    private static void assertThatMissing(SptArch arch, Syscall call) {
        try {
            arch.number(call);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError(call + " has a number on " + arch.name() + ", whose kernel has no such call");
    }

    private Map<String, Long> compile(String cc, String objcopy) throws Exception {
        return CompiledValues.of(tmp, "spt_syscall_layout.c", ".spt_layout", cc, objcopy,
                List.of(CompiledValues.GUEST.resolve("runtime/spt")));
    }

    /** A missing cross compiler fails the test naming the packages, as the integration tests do. */
    private static void requireTool(String tool, String packages) {
        if (!CompiledValues.onPath(tool)) {
            throw new AssertionError(tool + " not found (apt-get install " + packages + ")");
        }
    }
}
