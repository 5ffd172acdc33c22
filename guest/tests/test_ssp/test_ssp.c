/*
 * test_ssp: overflowing a 16-byte stack buffer with strcpy() clobbers the
 * canary; the function's epilogue must then abort the run (255).
 */
#include "solo5.h"
#include "guestlib.h"

/*
 * 40 characters: enough to run over the canary, short enough to stay well
 * inside the stack (which starts just below the top of guest memory). The
 * volatile pointer hides the length from the compiler.
 */
static const char *volatile long_string =
    "0123456789abcdefOVERFLOWOVERFLOWOVERFLOW";

__attribute__((noinline)) static void smash(const char *src)
{
    char buf[16];

    strcpy(buf, src);
    /* Use buf so that the copy is not optimised away. */
    solo5_console_write(buf, 1);
    solo5_console_write("\n", 1);
}

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_ssp ****\n\n");

    smash(long_string);

    putstr("FAILURE: stack corruption went unnoticed\n");
    return SOLO5_EXIT_FAILURE;
}
