/*
 * time.c (spt): Solo5 monotonic time is CLOCK_MONOTONIC, wall time is
 * CLOCK_REALTIME (raw system calls, no vDSO). solo5_yield() arms the
 * timerfd at the absolute deadline and waits on the epoll set, which holds
 * the timer and every attached network device (data = manifest index).
 */
#include "spt.h"

#define NSEC_PER_SEC 1000000000ULL

static solo5_time_t clock_ns(int clock)
{
    struct spt_timespec ts = { 0, 0 };

    (void)spt_syscall3(SPT_SYS_clock_gettime, clock, (long)(uintptr_t)&ts, 0);
    return (solo5_time_t)ts.tv_sec * NSEC_PER_SEC + (solo5_time_t)ts.tv_nsec;
}

solo5_time_t solo5_clock_monotonic(void)
{
    return clock_ns(SPT_CLOCK_MONOTONIC);
}

solo5_time_t solo5_clock_wall(void)
{
    return clock_ns(SPT_CLOCK_REALTIME);
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    struct spt_epoll_event events[MFT_MAX_ENTRIES + 1];
    struct spt_itimerspec its;
    solo5_handle_set_t ready = 0;
    long n;

    /* A zero it_value would disarm the timer, hence the low bit. */
    its.it_interval.tv_sec = 0;
    its.it_interval.tv_nsec = 0;
    its.it_value.tv_sec = (int64_t)(deadline / NSEC_PER_SEC);
    its.it_value.tv_nsec = (int64_t)((deadline % NSEC_PER_SEC) | 1);
    if (spt_syscall4(SPT_SYS_timerfd_settime, spt_timerfd(),
                SPT_TFD_TIMER_ABSTIME, (long)(uintptr_t)&its, 0) < 0)
        PANIC("timerfd_settime() failed", NULL);

    do {
        n = spt_syscall6(SPT_SYS_epoll_pwait, spt_epollfd(),
                (long)(uintptr_t)events, MFT_MAX_ENTRIES + 1, -1, 0, 0);
    } while (n == -SPT_EINTR);
    if (n < 0)
        PANIC("epoll_pwait() failed", NULL);

    for (long i = 0; i < n; i++) {
        uint64_t data = events[i].data;
        if (data != SPT_TIMER_TAG && data < MFT_MAX_ENTRIES)
            ready |= 1ULL << data;
    }
    if (ready_set != NULL)
        *ready_set = ready;
}
