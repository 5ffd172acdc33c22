/*
 * start.c: the entry point, and the ELF marker notes of an hvt image.
 */
#include "image_notes.h"
#include "hvt.h"

/*
 * Entered from the tender with the boot info (0x10000) in %rdi and
 * %rsp = mem_size - 8 (x86_64), or in x0 with SP = mem_size - 16 (aarch64).
 * Must not use the stack protector: the guard word is
 * only seeded here.
 */
void _start(const struct hvt_boot_info *bi)
    __attribute__((noreturn, no_stack_protector));

void _start(const struct hvt_boot_info *bi)
{
    static struct solo5_start_info si;

    /* Canary from the cycle counter, with bits 8-15 cleared (a NUL stops strcpy). */
    __stack_chk_guard = (uintptr_t)((cpu_cycles() << 16) ^ cpu_cycles());
    __stack_chk_guard &= ~(uintptr_t)0xFF00;

    cpu_init();
    /* Until the application sets up TLS, %fs accesses hit the zero page. */
    (void)platform_set_tls_base(0);
    platform_init(bi);
    si.cmdline = cmdline_parse(platform_cmdline());

    rt_banner();

    mem_init();
    time_init();
    net_init(bi);
    mem_heap(&si.heap_start, &si.heap_size);

    solo5_exit(solo5_app_main(&si));
}

SOLO5_IMAGE_NOTES(HVT_ABI_TARGET, HVT_ABI_VERSION);
