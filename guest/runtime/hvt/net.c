/*
 * net.c: network devices.
 *
 * When the tender offers ring I/O (docs/abi.md section 8), frames travel
 * through the ring shared with the tender's I/O thread: writes are queued
 * and not waited for, reads are submitted and then waited for. Otherwise
 * every read and write is a NET_READ / NET_WRITE hypercall (the tender
 * serves those in both cases).
 *
 * Readiness always comes from solo5_yield() (the POLL hypercall).
 */
#include "hvt.h"

#if defined(__x86_64__)
/*
 * Barriers for x86_64. Stores are not reordered with older stores, and
 * loads are not reordered with older loads, so the write and read barriers
 * only have to stop the compiler. A store followed by a load from another
 * location may be reordered by the CPU, which is what the full barrier is
 * for.
 */
#define barrier_write() __asm__ __volatile__("" : : : "memory")
#define barrier_read() __asm__ __volatile__("" : : : "memory")
#define barrier_full() __asm__ __volatile__("mfence" : : : "memory")
#else
/*
 * Barriers for aarch64 (weakly ordered): the host's I/O thread runs on
 * another CPU of the inner shareable domain, so each barrier is a DMB of
 * the matching kind.
 */
#define barrier_write() __asm__ __volatile__("dmb ishst" : : : "memory")
#define barrier_read() __asm__ __volatile__("dmb ishld" : : : "memory")
#define barrier_full() __asm__ __volatile__("dmb ish" : : : "memory")
#endif

/* NULL unless the tender set up ring I/O. */
static volatile struct hvt_ring *ring;
static uint32_t ring_next_id;

/*
 * Private copies of the frames queued for writing, one buffer per ring
 * slot. A slot's buffer is free again once the host has moved ent_head past
 * the slot, which the producer checks before reusing it.
 *
 * These 2 MiB get their own BSS section, which the linker script places
 * after the rest of the runtime's BSS: the runtime's own variables stay low
 * and mapped, so that with too little memory mem_init() can still report
 * "Not enough memory" instead of faulting.
 */
static uint8_t ring_wbuf[HVT_RING_SLOTS][HVT_RING_BUF_SIZE]
    __attribute__((aligned(64), section(".bss.solo5_ring")));

void net_init(const struct hvt_boot_info *bi)
{
    /*
     * Both conditions are needed: on a tender older than Solo5 v0.11.0 the
     * word read as host_features is the manifest version (1), while the one
     * read as net_ring is always zero.
     */
    if ((bi->host_features & HVT_HOST_FEATURE_RING_IO) != 0 &&
            bi->net_ring != 0) {
        ring = (volatile struct hvt_ring *)(uintptr_t)bi->net_ring;
        rt_log(LOG_DEBUG, "Solo5: net: ring I/O at 0x%lx\n",
                (unsigned long)bi->net_ring);
    }
}

/*
 * Copy a frame into a slot buffer. On x86_64: 8 bytes per step, then the
 * rest (one string instruction each: much cheaper than a byte loop where
 * the guest is emulated instruction by instruction, and fast on real
 * hardware too). On aarch64 the runtime's word-wise memcpy.
 */
static void copy_frame(void *dst, const void *src, size_t n)
{
#if defined(__x86_64__)
    size_t words = n / 8, bytes = n % 8;

    __asm__ __volatile__("rep movsq"
            : "+D"(dst), "+S"(src), "+c"(words)
            :
            : "memory");
    __asm__ __volatile__("rep movsb"
            : "+D"(dst), "+S"(src), "+c"(bytes)
            :
            : "memory");
#else
    memcpy(dst, src, n);
#endif
}

/*
 * Publish the next entry and wake the host if it has gone to sleep. The
 * caller has made sure the slot is free.
 */
static void ring_submit(uint32_t op, solo5_handle_t handle, uint64_t data,
        uint32_t len, uint32_t id)
{
    uint32_t tail = ring->ent_tail;
    volatile struct hvt_ring_entry *e = &ring->entries[tail & HVT_RING_MASK];

    e->operation = op;
    e->handle = (uint32_t)handle;
    e->data = data;
    e->len = len;
    e->id = id;
    e->reserved = 0;
    barrier_write();
    ring->ent_tail = tail + 1;
    /*
     * The new ent_tail must be visible before needs_kick is read: the host
     * sets needs_kick, fences, and then looks at ent_tail one last time
     * before it sleeps. Without the fence each side could miss the other.
     */
    barrier_full();
    if (ring->needs_kick != 0)
        hvt_ring_kick();
}

/* Number of entries the host has not consumed yet. */
static uint32_t ring_pending(void)
{
    return ring->ent_tail - ring->ent_head;
}

static solo5_result_t map_result(int32_t ret)
{
    switch (ret) {
    case SOLO5_R_OK:
        return SOLO5_R_OK;
    case SOLO5_R_AGAIN:
        return SOLO5_R_AGAIN;
    case SOLO5_R_EINVAL:
        return SOLO5_R_EINVAL;
    default:
        return SOLO5_R_EUNSPEC;
    }
}

static solo5_result_t hc_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size)
{
    volatile struct hvt_hc_net_io io;

    io.handle = handle;
    io.data = (uint64_t)(uintptr_t)buf;
    io.len = size;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(HVT_HYPERCALL_NET_WRITE, &io);
    return io.ret == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

static solo5_result_t ring_net_write(solo5_handle_t handle,
        const uint8_t *buf, size_t size)
{
    uint32_t slot;

    if (size > HVT_RING_BUF_SIZE) {
        /*
         * Too big for a slot buffer: use the hypercall. Wait until the host
         * has sent everything queued before it, so that this frame does not
         * overtake them.
         */
        while (ring_pending() != 0)
            cpu_relax();
        barrier_read();
        return hc_net_write(handle, buf, size);
    }

    /* At most HVT_RING_SLOTS - 1 entries in flight. */
    while (ring_pending() >= HVT_RING_SLOTS - 1)
        cpu_relax();
    barrier_read();
    slot = ring->ent_tail & HVT_RING_MASK;
    copy_frame(ring_wbuf[slot], buf, size);
    ring_submit(HVT_RING_OP_NET_WRITE, handle,
            (uint64_t)(uintptr_t)ring_wbuf[slot], (uint32_t)size,
            ring_next_id++);
    return SOLO5_R_OK;
}

static solo5_result_t ring_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size)
{
    uint32_t id = ring_next_id++;
    uint32_t head, len, cid;
    int32_t ret;
    volatile struct hvt_ring_commit *c;

    if (size > UINT32_MAX)
        size = UINT32_MAX;
    /* Never overwrite an entry the host has not consumed yet. */
    while (ring_pending() >= HVT_RING_SLOTS)
        cpu_relax();
    barrier_read();
    ring_submit(HVT_RING_OP_NET_READ, handle, (uint64_t)(uintptr_t)buf,
            (uint32_t)size, id);

    /* Reads are synchronous: this is the only commit outstanding. */
    while (ring->com_head == ring->com_tail)
        cpu_relax();
    barrier_read();
    head = ring->com_head;
    c = &ring->commits[head & HVT_RING_MASK];
    cid = c->id;
    ret = c->ret;
    len = c->len;
    ring->com_head = head + 1;
    if (cid != id)
        PANIC("net: ring commit does not match the request", NULL);

    if (ret == SOLO5_R_OK)
        *read_size = len;
    return map_result(ret);
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size)
{
    if (mft_by_handle(handle, MFT_DEV_NET_BASIC) == NULL)
        return SOLO5_R_EINVAL;
    if (ring != NULL)
        return ring_net_write(handle, buf, size);
    return hc_net_write(handle, buf, size);
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size)
{
    volatile struct hvt_hc_net_io io;

    if (mft_by_handle(handle, MFT_DEV_NET_BASIC) == NULL)
        return SOLO5_R_EINVAL;
    if (ring != NULL)
        return ring_net_read(handle, buf, size, read_size);

    io.handle = handle;
    io.data = (uint64_t)(uintptr_t)buf;
    io.len = size;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(HVT_HYPERCALL_NET_READ, &io);
    if (io.ret == SOLO5_R_OK)
        *read_size = io.len;
    return map_result(io.ret);
}
