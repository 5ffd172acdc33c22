/*
 * test_zeropage: the zero page is not mapped; writing to it must abort.
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_zeropage ****\n\n");

    /* A volatile address computed at run time defeats null-pointer folding. */
    volatile uintptr_t where = 8;
    *(volatile uint64_t *)where = 1;

    putstr("FAILURE: the write did not fault\n");
    return SOLO5_EXIT_FAILURE;
}
