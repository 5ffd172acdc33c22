/*
 * test_hello: prints a greeting and the command line, then SUCCESS if the
 * command line is "Hello_Solo5"; returns 0 anyway (docs/upstream-tests.md 2.1).
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    putstr("\n**** tender standalone test_hello ****\n\n");
    putstr("Hello, World\n");
    printf("Command line is: '%s'\n", si->cmdline);
    printf("Command line length: %u\n", (unsigned)strlen(si->cmdline));

    if (strcmp(si->cmdline, "Hello_Solo5") == 0)
        putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
