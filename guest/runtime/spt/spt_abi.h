/*
 * spt_abi.h: the spt ABI (version 2) as the guest runtime and the launcher
 * see it: the boot info the tender leaves at 0x11000 and the structures of
 * the calls the seccomp filter allows; the raw system calls themselves are
 * spt_syscall.h. See docs/abi.md sections 13.1, 14, 16 and 17.
 */
#ifndef SPT_ABI_H
#define SPT_ABI_H

#include <stdint.h>
#include "spt_syscall.h"

#define SPT_ABI_TARGET          2       /* "spt" in the ABI1 note */
#define SPT_ABI_VERSION         2
#define SPT_HOST_MEM_BASE       0x10000 /* lowest address of guest memory */
#define SPT_BOOT_INFO_BASE      0x11000
#define SPT_TIMER_TAG           0xFFFFFFFEULL   /* epoll data of the timerfd */

struct spt_boot_info {
    uint64_t mem_size;          /* exactly --mem */
    uint64_t kernel_end;
    uint64_t cmdline;           /* address of the NUL-terminated line */
    uint64_t mft;               /* address of the manifest copy */
    int epollfd;
    int timerfd;
};
_Static_assert(sizeof(struct spt_boot_info) == 40, "spt_boot_info size");

struct spt_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct spt_itimerspec {
    struct spt_timespec it_interval;
    struct spt_timespec it_value;
};

#endif /* SPT_ABI_H */
