/*
 * test_debug: a guest for gdb. solo5_app_main calls debug_bump() twice, which
 * adds to the global debug_counter; it prints SUCCESS and exits 0 when the
 * counter ends at 42. Built with -g so that gdb knows the global's type.
 */
#include "solo5.h"
#include "guestlib.h"

volatile int debug_counter;

__attribute__((noinline)) void debug_bump(int by)
{
    debug_counter += by;
}

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_debug ****\n\n");
    debug_bump(1);
    debug_bump(41);
    if (debug_counter == 42) {
        putstr("SUCCESS\n");
        return SOLO5_EXIT_SUCCESS;
    }
    putstr("FAILURE: debug_counter is not 42\n");
    return SOLO5_EXIT_FAILURE;
}
