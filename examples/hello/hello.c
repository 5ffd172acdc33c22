/*
 * hello: the smallest tender unikernel. Prints a greeting with its command
 * line and the monotonic clock, and exits with status 0. Builds for every
 * target and architecture (see ../../README.md, "Building a unikernel").
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    printf("Hello from a tender unikernel! Command line: \"%s\"\n",
            si->cmdline);
    printf("Heap: %lu KiB, monotonic clock: %lu ns\n",
            (unsigned long)(si->heap_size >> 10),
            (unsigned long)solo5_clock_monotonic());
    return 0;
}
