/*
 * test_xnow: text must not be writable. The tender maps it read-only on the
 * host, so the write below ends the run with a translation fault (status 1).
 */
#include "solo5.h"
#include "guestlib.h"

__attribute__((noinline)) void victim(void)
{
    __asm__ __volatile__("");
}

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_xnow ****\n\n");

    volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)victim;
    *code = 0xC3;

    putstr("FAILURE: wrote to .text\n");
    return SOLO5_EXIT_FAILURE;
}
