/*
 * test_time: monotonic time advances, a yield with a past deadline returns,
 * five one-second yields each take 0.8 s to 1.2 s (no devices, so a yield
 * is a sleep), and wall-clock time is 2017-01-01 or later.
 */
#include "solo5.h"
#include "guestlib.h"

#define NSEC_PER_SEC 1000000000ULL
#define SLACK (NSEC_PER_SEC / 5)
#define WALL_2017 (1483228800ULL * NSEC_PER_SEC)

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    solo5_time_t t0, t1;
    int tries, failed = 0;

    printf("\n**** tender standalone test_time ****\n\n");

    t0 = solo5_clock_monotonic();
    t1 = t0;
    for (tries = 0; t1 == t0 && tries < 10; tries++)
        t1 = solo5_clock_monotonic();
    if (t1 <= t0) {
        printf("ERROR: monotonic time does not advance\n");
        return SOLO5_EXIT_FAILURE;
    }

    t0 = solo5_clock_monotonic();
    solo5_yield(t0 > 1000 ? t0 - 1000 : 0, NULL);
    t1 = solo5_clock_monotonic();
    printf("Yield with a past deadline took %llu ns\n",
            (unsigned long long)(t1 - t0));

    for (int i = 1; i <= 5; i++) {
        solo5_handle_set_t ready = ~0ULL;
        t0 = solo5_clock_monotonic();
        solo5_yield(t0 + NSEC_PER_SEC, &ready);
        t1 = solo5_clock_monotonic();
        if (t1 < t0) {
            printf("[%d] ERROR: time went backwards\n", i);
            failed = 1;
            continue;
        }
        printf("[%d] Slept for %llu ns\n", i, (unsigned long long)(t1 - t0));
        if (t1 - t0 < NSEC_PER_SEC - SLACK) {
            printf("[%d] ERROR: slept too little\n", i);
            failed = 1;
        } else if (t1 - t0 > NSEC_PER_SEC + SLACK) {
            printf("[%d] ERROR: slept too much\n", i);
            failed = 1;
        }
        if (ready != 0) {
            printf("[%d] ERROR: ready set 0x%llx without devices\n", i,
                    (unsigned long long)ready);
            failed = 1;
        }
    }
    if (failed)
        return SOLO5_EXIT_FAILURE;

    t0 = solo5_clock_wall();
    if (t0 < WALL_2017) {
        printf("ERROR: wall clock before 2017 (%llu ns)\n",
                (unsigned long long)t0);
        return SOLO5_EXIT_FAILURE;
    }
    printf("Wall clock: %llu s since the epoch\n",
            (unsigned long long)(t0 / NSEC_PER_SEC));

    printf("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
