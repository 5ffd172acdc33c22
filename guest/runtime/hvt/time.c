/*
 * time.c: clocks and solo5_yield().
 *
 * Monotonic time is the cycle counter (TSC, or CNTVCT_EL0 on aarch64) scaled
 * by the frequency the tender reports. The
 * conversion splits the count into whole seconds and a remainder so that no
 * intermediate product can overflow 64 bits (freq < 2^64 / 10^9, i.e. below
 * 18 GHz, which time_init() checks).
 */
#include "hvt.h"

#define NSEC_PER_SEC 1000000000ULL

static uint64_t tsc_freq;

void time_init(void)
{
    tsc_freq = platform_cycle_freq();
    if (tsc_freq == 0 || tsc_freq > UINT64_MAX / NSEC_PER_SEC)
        PANIC("Unsupported TSC frequency", NULL);
}

solo5_time_t solo5_clock_monotonic(void)
{
    uint64_t tsc = cpu_cycles();
    uint64_t secs = tsc / tsc_freq;
    uint64_t rest = tsc % tsc_freq;

    return secs * NSEC_PER_SEC + rest * NSEC_PER_SEC / tsc_freq;
}

solo5_time_t solo5_clock_wall(void)
{
    volatile struct hvt_hc_walltime w;

    w.nsecs = 0;
    hvt_hypercall(HVT_HYPERCALL_WALLTIME, &w);
    return w.nsecs;
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    volatile struct hvt_hc_poll p;
    solo5_time_t now = solo5_clock_monotonic();

    p.timeout_nsecs = deadline > now ? deadline - now : 0;
    p.ready_set = 0;
    p.ret = 0;
    hvt_hypercall(HVT_HYPERCALL_POLL, &p);
    if (ready_set != NULL)
        *ready_set = p.ready_set;
}
