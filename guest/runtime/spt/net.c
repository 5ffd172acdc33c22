/*
 * net.c (spt): network I/O is read/write on the TAP device's host fd
 * (non-blocking; readiness comes from solo5_yield()).
 */
#include "spt.h"

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size)
{
    const struct mft_entry *e = mft_by_handle(handle, MFT_DEV_NET_BASIC);
    long n;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    n = spt_syscall3(SPT_SYS_write, e->b.hostfd, (long)(uintptr_t)buf,
            (long)size);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size)
{
    const struct mft_entry *e = mft_by_handle(handle, MFT_DEV_NET_BASIC);
    long n;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    n = spt_syscall3(SPT_SYS_read, e->b.hostfd, (long)(uintptr_t)buf,
            (long)size);
    if (n == -SPT_EAGAIN)
        return SOLO5_R_AGAIN;
    if (n < 0)
        return SOLO5_R_EUNSPEC;
    *read_size = (size_t)n;
    return SOLO5_R_OK;
}
