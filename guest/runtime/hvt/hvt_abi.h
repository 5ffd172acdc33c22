/*
 * hvt_abi.h: the guest side of the hvt hypercall ABI (version 2, x86_64 and
 * aarch64). See docs/abi.md sections 6 (boot info), 7 (hypercalls), 8 (ring
 * I/O) and 11 (aarch64).
 */
#ifndef HVT_ABI_H
#define HVT_ABI_H

#include <stddef.h>
#include <stdint.h>

#define HVT_ABI_TARGET          1       /* "hvt" in the ABI1 note */
#define HVT_ABI_VERSION         2
#define HVT_BOOT_INFO_GPA       0x10000
#define HVT_HYPERCALL_PIO_BASE  0x500           /* x86_64: port 0x500 + nr */
#define HVT_HYPERCALL_MMIO_BASE 0x100000000ULL  /* aarch64: base + nr * 8 */
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
_Static_assert(offsetof(struct hvt_boot_info, host_features) == 40,
        "hvt_boot_info.host_features");
_Static_assert(offsetof(struct hvt_boot_info, net_ring) == 48,
        "hvt_boot_info.net_ring");
_Static_assert(sizeof(struct hvt_hc_walltime) == 8, "walltime size");
_Static_assert(sizeof(struct hvt_hc_puts) == 16, "puts size");
_Static_assert(sizeof(struct hvt_hc_poll) == 24, "poll size");
_Static_assert(sizeof(struct hvt_hc_block_io) == 40, "block io size");
_Static_assert(sizeof(struct hvt_hc_net_io) == 32, "net io size");
_Static_assert(sizeof(struct hvt_hc_halt) == 16, "halt size");

/*
 * Ring I/O for network devices (docs/abi.md section 8). One ring, shared by
 * all NET devices, sits at bi->net_ring (above the guest-visible memory).
 * The guest produces entries and consumes commits; the host's I/O thread
 * consumes entries and produces commits (for READ entries only). All
 * indices are free-running; the slot is (index & HVT_RING_MASK).
 */
#define HVT_HOST_FEATURE_RING_IO 1U     /* bit 0 of bi->host_features */
#define HVT_RING_SLOTS          1024U
#define HVT_RING_MASK           (HVT_RING_SLOTS - 1)
#define HVT_RING_BUF_SIZE       2048U   /* guest-side write buffer per slot */
#define HVT_RING_KICK_PORT      0x600   /* x86_64: any 32-bit OUT wakes the host */
#define HVT_RING_KICK_MMIO      0x100000100ULL  /* aarch64: any 32-bit store */

enum hvt_ring_op {
    HVT_RING_OP_NET_WRITE = 1,
    HVT_RING_OP_NET_READ = 2
};

struct hvt_ring_entry {
    uint32_t operation;         /* enum hvt_ring_op */
    uint32_t handle;            /* manifest index */
    uint64_t data;              /* GPA of the frame buffer */
    uint32_t len;               /* frame length / buffer size */
    uint32_t id;                /* request id, copied into the commit */
    uint64_t reserved;
};

struct hvt_ring_commit {
    uint32_t id;
    int32_t ret;                /* a SOLO5_R_* value */
    uint32_t len;               /* bytes read */
    uint32_t reserved;
};

struct hvt_ring {
    /* Cache line 0: written by the guest. */
    uint32_t ent_tail;          /* entry producer index */
    uint32_t com_head;          /* commit consumer index */
    uint8_t pad0[56];
    /* Cache line 1: written by the host. */
    uint32_t ent_head;          /* entry consumer index */
    uint32_t com_tail;          /* commit producer index */
    uint32_t needs_kick;        /* host is (about to be) asleep */
    uint8_t pad1[52];
    struct hvt_ring_entry entries[HVT_RING_SLOTS];
    struct hvt_ring_commit commits[HVT_RING_SLOTS];
};

_Static_assert(sizeof(struct hvt_ring_entry) == 32, "ring entry size");
_Static_assert(offsetof(struct hvt_ring_entry, handle) == 4, "entry.handle");
_Static_assert(offsetof(struct hvt_ring_entry, data) == 8, "entry.data");
_Static_assert(offsetof(struct hvt_ring_entry, len) == 16, "entry.len");
_Static_assert(offsetof(struct hvt_ring_entry, id) == 20, "entry.id");
_Static_assert(offsetof(struct hvt_ring_entry, reserved) == 24,
        "entry.reserved");
_Static_assert(sizeof(struct hvt_ring_commit) == 16, "ring commit size");
_Static_assert(offsetof(struct hvt_ring_commit, ret) == 4, "commit.ret");
_Static_assert(offsetof(struct hvt_ring_commit, len) == 8, "commit.len");
_Static_assert(offsetof(struct hvt_ring, com_head) == 4, "ring.com_head");
_Static_assert(offsetof(struct hvt_ring, ent_head) == 64, "ring.ent_head");
_Static_assert(offsetof(struct hvt_ring, com_tail) == 68, "ring.com_tail");
_Static_assert(offsetof(struct hvt_ring, needs_kick) == 72,
        "ring.needs_kick");
_Static_assert(offsetof(struct hvt_ring, entries) == 128, "ring.entries");
_Static_assert(offsetof(struct hvt_ring, commits) == 32896, "ring.commits");
_Static_assert(sizeof(struct hvt_ring) == 49280, "hvt_ring size");
_Static_assert(_Alignof(struct hvt_ring) == 8, "hvt_ring alignment");

/*
 * Issue hypercall (nr) with the argument's address (below 4 GiB):
 *   x86_64:  a 32-bit OUT to port 0x500 + nr;
 *   aarch64: a 32-bit store to the MMIO word at 0x100000000 + nr * 8.
 * The tender completes the call before the guest resumes; the "memory"
 * clobber orders the guest's accesses around it.
 */
static inline void hvt_hypercall(enum hvt_hypercall_nr nr, volatile void *arg)
{
#if defined(__x86_64__)
    __asm__ __volatile__("outl %0, %1"
            :
            : "a"((uint32_t)(uintptr_t)arg),
              "d"((uint16_t)(HVT_HYPERCALL_PIO_BASE + nr))
            : "memory");
#elif defined(__aarch64__)
    uint64_t port = HVT_HYPERCALL_MMIO_BASE + (uint64_t)nr * 8;

    __asm__ __volatile__("str %w0, [%1]"
            :
            : "r"((uint32_t)(uintptr_t)arg), "r"(port)
            : "memory");
#else
#error "unsupported architecture"
#endif
}

/* Wake the host's ring I/O thread (a ring "kick"). */
static inline void hvt_ring_kick(void)
{
#if defined(__x86_64__)
    __asm__ __volatile__("outl %0, %1"
            :
            : "a"((uint32_t)0), "d"((uint16_t)HVT_RING_KICK_PORT)
            : "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("str %w0, [%1]"
            :
            : "r"((uint32_t)0), "r"(HVT_RING_KICK_MMIO)
            : "memory");
#endif
}

#endif /* HVT_ABI_H */
