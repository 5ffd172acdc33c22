/*
 * test_notls: with no TLS block installed the thread pointer is 0 (the FS
 * base on x86_64, TPIDR_EL0 on aarch64), so a load relative to it reads the
 * unmapped zero page and must abort.
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    uint64_t v;

    putstr("\n**** tender standalone test_notls ****\n\n");

#if defined(__x86_64__)
    __asm__ __volatile__("movq %%fs:0x28, %0" : "=r"(v) : : "memory");
#elif defined(__aarch64__)
    uint64_t tp;
    __asm__ __volatile__("mrs %0, tpidr_el0\n\t"
                         "ldr %1, [%0, #0x10]"
                         : "=&r"(tp), "=r"(v) : : "memory");
#else
#error "unsupported architecture"
#endif

    printf("FAILURE: read 0x%lx through an unset thread pointer\n", (unsigned long)v);
    return SOLO5_EXIT_FAILURE;
}
