/*
 * test_exception: a write far above guest memory (16 GiB) takes a page
 * fault, which the runtime reports and turns into an abort (255).
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_exception ****\n\n");

    volatile uint64_t *unmapped = (volatile uint64_t *)0x400000000ULL;
    *unmapped = 1;

    putstr("FAILURE: the write did not fault\n");
    return SOLO5_EXIT_FAILURE;
}
