/*
 * fds.c: the guest's file descriptors. Everything the JVM left open is
 * closed except stdout, the attached devices (the plan's keep list) and,
 * until the last moment, stderr; then the epoll set and the timerfd are
 * created at the numbers the boot info names, and the timer and the
 * network devices are added to the set.
 */
#include "launch.h"

struct rlimit64 {
    uint64_t cur, max;
};

int is_kept(int fd, int keep_stderr)
{
    if (fd == 1 || (keep_stderr && fd == 2))
        return 1;
    for (uint32_t i = 0; i < plan.n_keep; i++)
        if (plan.keep[i] == fd)
            return 1;
    return 0;
}

/* Closes [lo, hi] (hi may be ~0U), with a loop if close_range is missing. */
static void close_span(unsigned lo, unsigned hi, unsigned limit)
{
    if (lo > hi)
        return;
    if (SYS3(SPT_SYS_close_range, lo, hi, 0) != -ENOSYS)
        return;
    for (unsigned fd = lo; fd <= hi && fd < limit; fd++)
        SYS1(SPT_SYS_close, fd);
}

/* Closes every descriptor not in the keep list (stderr too, unless asked). */
void close_others(int keep_stderr)
{
    struct rlimit64 rl = { 1024, 1024 };
    unsigned limit, lo = 0;

    SYS4(SPT_SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &rl);
    limit = rl.cur > (1U << 20) ? (1U << 20) : (unsigned)rl.cur;
    for (;;) {
        /* Smallest kept fd >= lo, if any. */
        long next = -1;
        for (int fd = 0; fd <= 2; fd++)
            if (fd >= (int)lo && is_kept(fd, keep_stderr) &&
                    (next < 0 || fd < next))
                next = fd;
        for (uint32_t i = 0; i < plan.n_keep; i++)
            if (plan.keep[i] >= (int)lo && (next < 0 || plan.keep[i] < next))
                next = plan.keep[i];
        if (next < 0) {
            close_span(lo, ~0U, limit);
            return;
        }
        if ((unsigned)next > lo)
            close_span(lo, (unsigned)next - 1, limit);
        lo = (unsigned)next + 1;
    }
}

/* Moves a fresh descriptor to the number the boot info promised. */
static void place_fd(long fd, int want, const char *what)
{
    if (fd < 0)
        fatal(what, -fd);
    if (fd != want) {
        long r = SYS3(SPT_SYS_dup3, fd, want, 0);
        if (r < 0)
            fatal(what, -r);
        SYS1(SPT_SYS_close, fd);
    }
}

void setup_events(void)
{
    struct spt_epoll_event ev;
    long r;

    place_fd(SYS1(SPT_SYS_epoll_create1, 0), plan.epoll_fd,
            "epoll_create1() failed");
    place_fd(SYS2(SPT_SYS_timerfd_create, SPT_CLOCK_MONOTONIC, TFD_NONBLOCK),
            plan.timer_fd, "timerfd_create() failed");
    ev.events = SPT_EPOLLIN;
    ev.data = SPT_TIMER_TAG;
    r = SYS4(SPT_SYS_epoll_ctl, plan.epoll_fd, SPT_EPOLL_CTL_ADD,
            plan.timer_fd, &ev);
    if (r < 0)
        fatal("epoll_ctl(EPOLL_CTL_ADD) failed", -r);
    for (uint32_t i = 0; i < plan.n_watch; i++) {
        ev.events = SPT_EPOLLIN;
        ev.data = plan.watch[i].data;
        r = SYS4(SPT_SYS_epoll_ctl, plan.epoll_fd, SPT_EPOLL_CTL_ADD,
                plan.watch[i].fd, &ev);
        if (r < 0) {
            begin();
            put("epoll_ctl(EPOLL_CTL_ADD, hostfd=");
            put_i(plan.watch[i].fd);
            put(") failed");
            fail(-r);
        }
    }
}
