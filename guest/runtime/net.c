/*
 * net.c: network devices over the NET_READ/NET_WRITE hypercalls (ring I/O
 * is not implemented yet; the tender serves these hypercalls either way).
 */
#include "runtime.h"

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_net_info *info)
{
    solo5_handle_t index;
    const struct mft_entry *e = mft_by_name(name, MFT_DEV_NET_BASIC, &index);

    if (e == NULL || !e->attached)
        return SOLO5_R_EINVAL;
    *handle = index;
    memcpy(info->mac_address, e->u.net_basic.mac, SOLO5_NET_ALEN);
    info->mtu = e->u.net_basic.mtu;
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size)
{
    volatile struct hvt_hc_net_io io;

    if (mft_by_handle(handle, MFT_DEV_NET_BASIC) == NULL)
        return SOLO5_R_EINVAL;
    io.handle = handle;
    io.data = (uint64_t)(uintptr_t)buf;
    io.len = size;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(HVT_HYPERCALL_NET_WRITE, &io);
    return io.ret == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size)
{
    volatile struct hvt_hc_net_io io;

    if (mft_by_handle(handle, MFT_DEV_NET_BASIC) == NULL)
        return SOLO5_R_EINVAL;
    io.handle = handle;
    io.data = (uint64_t)(uintptr_t)buf;
    io.len = size;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(HVT_HYPERCALL_NET_READ, &io);
    switch (io.ret) {
    case SOLO5_R_OK:
        *read_size = io.len;
        return SOLO5_R_OK;
    case SOLO5_R_AGAIN:
        return SOLO5_R_AGAIN;
    case SOLO5_R_EINVAL:
        return SOLO5_R_EINVAL;
    default:
        return SOLO5_R_EUNSPEC;
    }
}
