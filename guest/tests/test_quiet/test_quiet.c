/*
 * test_quiet: run with "--solo5:quiet"; the runtime must then print nothing
 * of its own, and the option must not reach the application.
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    putstr("\n**** tender standalone test_quiet ****\n\n");

    if (si->cmdline[0] != '\0') {
        printf("FAILURE: command line not consumed: '%s'\n", si->cmdline);
        return SOLO5_EXIT_FAILURE;
    }
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
