/*
 * test_dumpcore: calls solo5_abort(), so that a debug tender started with
 * --dumpcore writes a core file (exit status 255).
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    putstr("\n**** tender standalone test_dumpcore ****\n\n");
    solo5_abort();
}
