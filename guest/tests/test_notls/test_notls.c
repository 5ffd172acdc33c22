/*
 * test_notls: with no TLS block installed the FS base is 0, so a %fs-relative
 * load reads the unmapped zero page and must abort.
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    uint64_t v;

    putstr("\n**** tender standalone test_notls ****\n\n");

    __asm__ __volatile__("movq %%fs:0x28, %0" : "=r"(v) : : "memory");

    printf("FAILURE: read 0x%lx through an unset FS base\n", (unsigned long)v);
    return SOLO5_EXIT_FAILURE;
}
