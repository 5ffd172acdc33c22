/*
 * launch.h: what the parts of tender-spt-launch share (docs/spt.md).
 *
 *   launch.c       the entry point: the order of the steps
 *   plan.c         reading and checking the launch plan
 *   guest_image.c  guest memory, the ELF segments and the boot info
 *   fds.c          descriptors: closing the rest, the epoll set, the timer
 *   report.c       error messages and exiting
 *   string.c       memset and memcpy
 *   launch_ARCH.S  process entry, cache maintenance, the jump to the guest
 *
 * System calls go through spt_syscall.h, the header the spt guest runtime
 * uses too (guest/runtime/spt, on the include path).
 */
#ifndef LAUNCH_H
#define LAUNCH_H

#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>
#include "spt_abi.h"

#define NORETURN __attribute__((noreturn))

/* Linux constants (the same on every architecture the launcher supports). */
#define PROT_READ           0x1
#define PROT_WRITE          0x2
#define PROT_EXEC           0x4
#define MAP_PRIVATE         0x02
#define MAP_ANONYMOUS       0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define SIG_SETMASK         2
#define READ_IMPLIES_EXEC   0x0400000
#define PR_SET_NAME         15
#define PR_SET_NO_NEW_PRIVS 38
#define RLIMIT_NOFILE       7
#define TFD_NONBLOCK        0x800
#define ENOSYS              38
#define EEXIST              17

/* Launch plan limits; the format must match dev.tender.spt.LaunchPlan. */
#define MAX_SEGS            64
#define MAX_FDS             70
#define MAX_BPF             4096
#define PLAN_FLAG_EXEC_HEAP 0x1U

/* System calls with fewer arguments, any integer or pointer type. */
#define SYS1(n, a) spt_syscall1((n), (long)(a))
#define SYS2(n, a, b) spt_syscall2((n), (long)(a), (long)(b))
#define SYS3(n, a, b, c) spt_syscall3((n), (long)(a), (long)(b), (long)(c))
#define SYS4(n, a, b, c, d) \
    spt_syscall4((n), (long)(a), (long)(b), (long)(c), (long)(d))
#define SYS5(n, a, b, c, d, e) \
    spt_syscall5((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))

/* One ELF segment to load: file bytes to vaddr, then prot on a page range. */
struct segment {
    uint64_t offset, vaddr, filesz, prot_start, prot_len;
    uint32_t prot, index;
};

/* A network device for the epoll set, with the data its events carry. */
struct watch {
    int32_t fd;
    uint64_t data;
};

/* The launch plan, once parsed (plan.c). */
struct plan {
    uint32_t flags;
    int32_t image_fd, epoll_fd, timer_fd;
    uint64_t mem_size, entry;
    uint32_t n_segs, n_keep, n_watch, boot_info_len, n_bpf;
    struct segment segs[MAX_SEGS];
    int32_t keep[MAX_FDS];
    struct watch watch[MAX_FDS];
    const uint8_t *boot_info;
};

extern struct plan plan;
extern struct sock_filter bpf[MAX_BPF];
extern char image[4100];

/* plan.c */
void read_plan(int fd);
void parse_plan(void);
NORETURN void bad_plan(void);
void forget_plan(void);

/* guest_image.c */
void map_guest_memory(void);
void load_segments(void);
void write_boot_info(void);

/* fds.c */
int is_kept(int fd, int keep_stderr);
void close_others(int keep_stderr);
void setup_events(void);

/* report.c: begin() starts "<prog>: ", put*() append, fail() ends and exits. */
void set_program_name(const char *name);
void begin(void);
void put(const char *s);
void put_u(uint64_t v);
void put_i(long v);
NORETURN void fail(long err);
NORETURN void fatal(const char *text, long err);
NORETURN void exit_group(int status);

/* string.c: the compiler may emit calls to these for copies and clears. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

/* launch.c, called by _start with the kernel's initial stack pointer */
void launch_main(uint64_t *sp) NORETURN;

/*
 * launch_ARCH.S: sync_code() makes instructions written through memory
 * visible to instruction fetch; enter_guest() sets the architecture's
 * initial stack pointer below mem_size and jumps to the guest's entry.
 */
void sync_code(uint64_t start, uint64_t len);
void enter_guest(uint64_t mem_size, uint64_t entry, uint64_t boot_info)
    NORETURN;

#endif /* LAUNCH_H */
