/*
 * test_blk: block device "storage". Writes a '0'..'9' pattern to every 10th
 * block and reads it back, writes and reads the last block, then checks
 * that invalid requests fail: at offset == capacity (exit 4/5), size
 * block_size - 1 or + 1 (6-9), and a misaligned offset (10/11). Exit 99:
 * acquire failed; 1-3: data errors.
 */
#include "solo5.h"
#include "guestlib.h"

static solo5_handle_t dev;
static struct solo5_block_info info;

static void fill(uint8_t *buf, size_t n, char c)
{
    memset(buf, c, n);
}

/*
 * The digits '0'..'9' repeating along the block, shifted by (shift), so
 * that blocks at different positions hold different data.
 */
static void fill_digits(uint8_t *buf, size_t n, solo5_off_t shift)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)('0' + (i + shift) % 10);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    size_t bs;
    uint8_t *wbuf, *rbuf;

    putstr("\n**** tender standalone test_blk ****\n\n");

    if (solo5_block_acquire("storage", &dev, &info) != SOLO5_R_OK)
        return 99;
    bs = info.block_size;
    printf("Block device: %llu bytes, block size %llu\n",
            (unsigned long long)info.capacity,
            (unsigned long long)info.block_size);
    /* Two buffers of one block plus one byte each, from the heap. */
    wbuf = (uint8_t *)si->heap_start;
    rbuf = wbuf + bs + 64;

    for (solo5_off_t blk = 0; blk * bs < info.capacity; blk += 10) {
        fill_digits(wbuf, bs, blk / 10);
        fill(rbuf, bs, 0);
        if (solo5_block_write(dev, blk * bs, wbuf, bs) != SOLO5_R_OK)
            return 1;
        if (solo5_block_read(dev, blk * bs, rbuf, bs) != SOLO5_R_OK)
            return 2;
        if (memcmp(wbuf, rbuf, bs) != 0)
            return 3;
    }

    solo5_off_t last = info.capacity - bs;
    fill(wbuf, bs, 'L');
    if (solo5_block_write(dev, last, wbuf, bs) != SOLO5_R_OK ||
            solo5_block_read(dev, last, rbuf, bs) != SOLO5_R_OK ||
            memcmp(wbuf, rbuf, bs) != 0)
        return 3;

    if (solo5_block_write(dev, info.capacity, wbuf, bs) == SOLO5_R_OK)
        return 4;
    if (solo5_block_read(dev, info.capacity, rbuf, bs) == SOLO5_R_OK)
        return 5;
    if (solo5_block_write(dev, 0, wbuf, bs - 1) == SOLO5_R_OK)
        return 6;
    if (solo5_block_read(dev, 0, rbuf, bs - 1) == SOLO5_R_OK)
        return 7;
    if (solo5_block_write(dev, 0, wbuf, bs + 1) == SOLO5_R_OK)
        return 8;
    if (solo5_block_read(dev, 0, rbuf, bs + 1) == SOLO5_R_OK)
        return 9;
    if (solo5_block_write(dev, bs - 1, wbuf, bs) == SOLO5_R_OK)
        return 10;
    if (solo5_block_read(dev, bs - 1, rbuf, bs) == SOLO5_R_OK)
        return 11;

    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
