/*
 * block.c: block devices over the BLOCK_READ/BLOCK_WRITE hypercalls. The
 * tender does not enforce alignment, so the checks on (offset, size) are
 * made here: one whole block, block-aligned, inside the device.
 */
#include "hvt.h"

static solo5_result_t block_io(enum hvt_hypercall_nr nr,
        solo5_handle_t handle, solo5_off_t offset, const void *buf,
        size_t size)
{
    const struct mft_entry *e = mft_by_handle(handle, MFT_DEV_BLOCK_BASIC);
    volatile struct hvt_hc_block_io io;
    uint64_t bs, cap;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    bs = e->u.block_basic.block_size;
    cap = e->u.block_basic.capacity;
    if (bs == 0 || offset % bs != 0 || size != bs)
        return SOLO5_R_EINVAL;
    if (offset > cap || size > cap - offset)
        return SOLO5_R_EINVAL;

    io.handle = handle;
    io.offset = offset;
    io.data = (uint64_t)(uintptr_t)buf;
    io.len = size;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(nr, &io);
    return io.ret == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
        const uint8_t *buf, size_t size)
{
    return block_io(HVT_HYPERCALL_BLOCK_WRITE, handle, offset, buf, size);
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
        uint8_t *buf, size_t size)
{
    return block_io(HVT_HYPERCALL_BLOCK_READ, handle, offset, buf, size);
}
