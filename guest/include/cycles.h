/*
 * cycles.h: the CPU's cycle counter, for applications (public, like solo5.h).
 * The TSC on x86_64, the virtual counter CNTVCT_EL0 on aarch64; both can be
 * read from a guest under hvt and spt. Cheap, monotonic within a run, and its
 * low bits differ from run to run (good for seeding, not for timekeeping:
 * use solo5_clock_monotonic() for that).
 */
#ifndef CYCLES_H
#define CYCLES_H

#include <stdint.h>

static inline uint64_t cycles_read(void)
{
#if defined(__x86_64__)
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
#elif defined(__aarch64__)
    uint64_t v;

    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
    return v;
#else
#error "unsupported architecture"
#endif
}

#endif /* CYCLES_H */
