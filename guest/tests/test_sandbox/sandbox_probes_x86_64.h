/*
 * sandbox_probes_x86_64.h: the probes of test_sandbox.c that only x86_64
 * has (included by it): a forbidden arch_prctl code and the two other
 * system call ABIs an x86_64 process can reach. arch_probe() returns 0 for
 * a probe it does not know, 1 after a probe the filter let through.
 */
#ifndef SANDBOX_PROBES_X86_64_H
#define SANDBOX_PROBES_X86_64_H

#define ARCH_GET_FS         0x1003
#define X32_SYSCALL_BIT     0x40000000L
#define I386_SYS_write      4

static int arch_probe(const char *p)
{
    if (strcmp(p, "getfs") == 0)
        return !survived(p, spt_syscall2(SPT_SYS_arch_prctl, ARCH_GET_FS,
                    (long)(uintptr_t)buf));
    if (strcmp(p, "x32") == 0)          /* write(1) through the x32 ABI */
        return !survived(p, spt_syscall3(X32_SYSCALL_BIT | SPT_SYS_write,
                    1, (long)(uintptr_t)"x\n", 2));
    if (strcmp(p, "int80") == 0) {      /* write(1) through the i386 ABI */
        long ret;
        __asm__ __volatile__("int $0x80"
                : "=a"(ret)
                : "a"((long)I386_SYS_write), "b"(1L),
                  "c"((long)(uintptr_t)"x\n"), "d"(2L)
                : "memory");
        return !survived(p, ret);
    }
    return 0;
}

#endif /* SANDBOX_PROBES_X86_64_H */
