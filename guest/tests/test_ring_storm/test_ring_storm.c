/*
 * test_ring_storm: a guest that rings the net ring's doorbell as fast as it
 * can for three seconds without submitting anything, to make the host's ring
 * I/O thread work for nothing. Then it waits five seconds (the test measures
 * the thread's CPU time meanwhile) and prints SUCCESS.
 */
#include "solo5.h"
#include "guestlib.h"
#include "../../runtime/hvt/hvt_abi.h"

#define STORM_NS 3000000000ULL
#define QUIET_NS 5000000000ULL

int solo5_app_main(const struct solo5_start_info *si)
{
    const volatile struct hvt_boot_info *bi =
        (const volatile struct hvt_boot_info *)HVT_BOOT_INFO_GPA;
    solo5_handle_set_t ready;
    uint64_t kicks = 0;

    (void)si;
    putstr("\n**** tender standalone test_ring_storm ****\n\n");
    if ((bi->host_features & HVT_HOST_FEATURE_RING_IO) == 0) {
        putstr("the host offers no ring I/O\n");
        return SOLO5_EXIT_FAILURE;
    }
    solo5_time_t end = solo5_clock_monotonic() + STORM_NS;
    while (solo5_clock_monotonic() < end) {
        for (int i = 0; i < 64; i++)
            hvt_ring_kick();
        kicks += 64;
    }
    printf("storm done: %lu kicks\n", (unsigned long)kicks);
    end = solo5_clock_monotonic() + QUIET_NS;
    while (solo5_clock_monotonic() < end)
        solo5_yield(end, &ready);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
