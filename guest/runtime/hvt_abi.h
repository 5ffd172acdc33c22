/*
 * hvt_abi.h: the guest side of the hvt hypercall ABI (version 2, x86_64).
 * See hvt-abi.md sections 1, 9 and 10 of the project specification.
 */
#ifndef HVT_ABI_H
#define HVT_ABI_H

#include <stdint.h>

#define HVT_ABI_TARGET          1       /* "hvt" in the ABI1 note */
#define HVT_ABI_VERSION         2
#define HVT_BOOT_INFO_GPA       0x10000
#define HVT_HYPERCALL_PIO_BASE  0x500
#define HVT_HALT_COOKIE_SIZE    512

enum hvt_hypercall_nr {
    HVT_HYPERCALL_WALLTIME = 1,
    HVT_HYPERCALL_PUTS = 2,
    HVT_HYPERCALL_POLL = 3,
    HVT_HYPERCALL_BLOCK_WRITE = 4,
    HVT_HYPERCALL_BLOCK_READ = 5,
    HVT_HYPERCALL_NET_WRITE = 6,
    HVT_HYPERCALL_NET_READ = 7,
    HVT_HYPERCALL_HALT = 8
};

/* Written by the tender at HVT_BOOT_INFO_GPA (read-only for the guest). */
struct hvt_boot_info {
    uint64_t mem_size;          /* guest-visible memory size */
    uint64_t kernel_end;
    uint64_t cpu_cycle_freq;    /* TSC frequency in Hz */
    uint64_t cmdline;           /* GPA of the NUL-terminated command line */
    uint64_t mft;               /* GPA of the manifest copy */
    uint32_t host_features;
    uint32_t guest_features;
    uint64_t net_ring;
};

struct hvt_hc_walltime {
    uint64_t nsecs;             /* OUT */
};

struct hvt_hc_puts {
    uint64_t data;              /* IN: GPA */
    uint64_t len;               /* IN */
};

struct hvt_hc_poll {
    uint64_t timeout_nsecs;     /* IN */
    uint64_t ready_set;         /* OUT */
    int32_t ret;                /* OUT */
};

/* BLOCK_WRITE and BLOCK_READ share this layout. */
struct hvt_hc_block_io {
    uint64_t handle;            /* IN */
    uint64_t offset;            /* IN: bytes */
    uint64_t data;              /* IN: GPA */
    uint64_t len;               /* IN */
    int32_t ret;                /* OUT */
};

/* NET_WRITE and NET_READ share this layout. */
struct hvt_hc_net_io {
    uint64_t handle;            /* IN */
    uint64_t data;              /* IN: GPA */
    uint64_t len;               /* IN; OUT (frame length) for NET_READ */
    int32_t ret;                /* OUT */
};

struct hvt_hc_halt {
    uint64_t cookie;            /* IN: GPA or 0 */
    int32_t exit_status;        /* IN */
};

_Static_assert(sizeof(struct hvt_boot_info) == 56, "hvt_boot_info size");
_Static_assert(sizeof(struct hvt_hc_walltime) == 8, "walltime size");
_Static_assert(sizeof(struct hvt_hc_puts) == 16, "puts size");
_Static_assert(sizeof(struct hvt_hc_poll) == 24, "poll size");
_Static_assert(sizeof(struct hvt_hc_block_io) == 40, "block io size");
_Static_assert(sizeof(struct hvt_hc_net_io) == 32, "net io size");
_Static_assert(sizeof(struct hvt_hc_halt) == 16, "halt size");

/*
 * Issue hypercall (nr): a 32-bit OUT of the argument's address to port
 * 0x500 + nr. The tender completes the call before the guest resumes; the
 * "memory" clobber orders the guest's accesses around it.
 */
static inline void hvt_hypercall(enum hvt_hypercall_nr nr, volatile void *arg)
{
    __asm__ __volatile__("outl %0, %1"
            :
            : "a"((uint32_t)(uintptr_t)arg),
              "d"((uint16_t)(HVT_HYPERCALL_PIO_BASE + nr))
            : "memory");
}

#endif /* HVT_ABI_H */
