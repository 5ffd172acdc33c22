/*
 * platform.c: boot information, console output, HALT and the TLS base
 * (FS base on x86_64, TPIDR_EL0 on aarch64).
 */
#include "hvt.h"

static uint64_t mem_size;
static uint64_t cycle_freq;
static const char *cmdline;

void platform_init(const struct hvt_boot_info *bi)
{
    mem_size = bi->mem_size;
    cycle_freq = bi->cpu_cycle_freq;
    cmdline = (const char *)(uintptr_t)bi->cmdline;
    mft_init((const struct mft *)(uintptr_t)bi->mft);
}

uint64_t platform_mem_size(void)
{
    return mem_size;
}

uint64_t platform_cycle_freq(void)
{
    return cycle_freq;
}

const char *platform_cmdline(void)
{
    return cmdline;
}

/* One PUTS hypercall per call. */
void platform_puts(const char *buf, size_t len)
{
    volatile struct hvt_hc_puts p;

    p.data = (uint64_t)(uintptr_t)buf;
    p.len = len;
    hvt_hypercall(HVT_HYPERCALL_PUTS, &p);
}

void platform_exit(int status, void *cookie)
{
    volatile struct hvt_hc_halt h;

    h.cookie = (uint64_t)(uintptr_t)cookie;
    h.exit_status = status;
    hvt_hypercall(HVT_HYPERCALL_HALT, &h);
    for (;;)
        cpu_relax();
}

#if defined(__x86_64__)
#define MSR_FS_BASE 0xC0000100U

/* Only canonical addresses can go into FS base (else WRMSR raises #GP). */
int platform_set_tls_base(uintptr_t base)
{
    int64_t top = (int64_t)base >> 47;

    if (top != 0 && top != -1)
        return -1;
    __asm__ __volatile__("wrmsr"
            :
            : "c"(MSR_FS_BASE), "a"((uint32_t)base),
              "d"((uint32_t)(base >> 32))
            : "memory");
    return 0;
}
#elif defined(__aarch64__)
/* The thread pointer register; any 64-bit value is accepted. */
int platform_set_tls_base(uintptr_t base)
{
    __asm__ __volatile__("msr tpidr_el0, %0" : : "r"(base) : "memory");
    return 0;
}
#endif

