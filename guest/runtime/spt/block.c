/*
 * block.c (spt): block I/O is pread64/pwrite64 on the device's host fd.
 * The checks below are also enforced by the seccomp filter (fd, count ==
 * block size, offset <= capacity - block size), which kills the guest on
 * any request that gets past them.
 */
#include "spt.h"

static solo5_result_t block_io(long nr, solo5_handle_t handle,
        solo5_off_t offset, const void *buf, size_t size)
{
    const struct mft_entry *e = mft_by_handle(handle, MFT_DEV_BLOCK_BASIC);
    uint64_t bs, cap;
    long n;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    bs = e->u.block_basic.block_size;
    cap = e->u.block_basic.capacity;
    if (bs == 0 || size != bs || offset % bs != 0 || cap < bs ||
            offset > cap - bs)
        return SOLO5_R_EINVAL;

    n = spt_syscall4(nr, e->b.hostfd, (long)(uintptr_t)buf, (long)size,
            (long)offset);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
        const uint8_t *buf, size_t size)
{
    return block_io(SPT_SYS_pwrite64, handle, offset, buf, size);
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
        uint8_t *buf, size_t size)
{
    return block_io(SPT_SYS_pread64, handle, offset, buf, size);
}
