/*
 * test_globals: .data must be loaded and writable. The message starts with
 * 'R'; bumping it to 'S' yields "SUCCESS".
 */
#include "solo5.h"
#include "guestlib.h"

static char message[] = "RUCCESS\n";

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_globals ****\n\n");

    /* Through a volatile pointer, so the compiler cannot fold the edit. */
    volatile char *first = message;
    *first += 1;
    putstr(message);
    return SOLO5_EXIT_SUCCESS;
}
