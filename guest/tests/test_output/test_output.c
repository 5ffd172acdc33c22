/*
 * test_output: one console write of about 4 KiB made of 74 lines; the
 * tender must pass it through in one piece.
 */
#include "solo5.h"
#include "guestlib.h"

#define N_LINES 74

static char text[4096];

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    static const char filler[] =
        "the quick brown fox jumps over the lazy unikernel";
    size_t len = 0;

    putstr("\n**** tender standalone test_output ****\n\n");

    for (int i = 1; i <= N_LINES; i++) {
        int n = snprintf(text + len, sizeof text - len, "%02d: %s\n", i,
                filler);
        if (n < 0 || (size_t)n >= sizeof text - len) {
            putstr("FAILURE: buffer too small\n");
            return SOLO5_EXIT_FAILURE;
        }
        len += (size_t)n;
    }
    solo5_console_write(text, len);

    printf("Wrote %lu bytes in %d lines\n", (unsigned long)len, N_LINES);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
