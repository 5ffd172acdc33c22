/*
 * test_blkbench: sequential block I/O throughput over the whole device
 * "storage".
 *
 * Each pass writes the device from start to end, then reads it back, with
 * one request size, and prints for both directions
 *   blkbench: write 4096 B requests: 268435456 bytes in 0.812 s = 330.6 MB/s
 * (MB = 10^6 bytes; times from solo5_clock_monotonic()). The first 8 bytes
 * of every request carry its offset, which the read pass checks.
 *
 * Command line: a list of passes, run in order; default "api 64K".
 *   api      requests of the device's block size through solo5_block_write()
 *            and solo5_block_read()
 *   N[K|M]   requests of N bytes (KiB, MiB) through raw BLOCK_WRITE and
 *            BLOCK_READ hypercalls. The hvt tender does not insist on one
 *            block per request, but the Solo5 API does (and its block size
 *            cannot exceed 65535 bytes), so larger requests need the raw
 *            hypercalls. The last request is shorter if N does not divide
 *            the capacity.
 *
 * Only the plain hvt ABI is used, so the image runs on the Solo5 hvt tender
 * as well. Prints SUCCESS and returns 0 when all passes succeed.
 */
#include "solo5.h"
#include "guestlib.h"
#include "../../runtime/hvt/hvt_abi.h"

#define MAX_PASSES 16
#define MAX_REQUEST (64UL << 20)
#define STACK_RESERVE (1UL << 20)
#define STAMP_MAGIC 0x626c6b62656e6368ULL   /* "blkbench" */

enum method { VIA_API, VIA_HYPERCALL };

struct pass {
    enum method method;
    uint64_t size;
};

static solo5_handle_t dev;
static struct solo5_block_info info;
static uint8_t *buf;

static uint64_t stamp_for(uint64_t offset)
{
    return offset ^ STAMP_MAGIC;
}

static solo5_result_t raw_io(enum hvt_hypercall_nr nr, uint64_t offset,
        uint8_t *data, uint64_t len)
{
    volatile struct hvt_hc_block_io io;

    io.handle = dev;
    io.offset = offset;
    io.data = (uint64_t)(uintptr_t)data;
    io.len = len;
    io.ret = SOLO5_R_EUNSPEC;
    hvt_hypercall(nr, &io);
    return io.ret == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

static solo5_result_t do_write(const struct pass *p, uint64_t off,
        uint64_t len)
{
    if (p->method == VIA_API)
        return solo5_block_write(dev, off, buf, len);
    return raw_io(HVT_HYPERCALL_BLOCK_WRITE, off, buf, len);
}

static solo5_result_t do_read(const struct pass *p, uint64_t off,
        uint64_t len)
{
    if (p->method == VIA_API)
        return solo5_block_read(dev, off, buf, len);
    return raw_io(HVT_HYPERCALL_BLOCK_READ, off, buf, len);
}

static void report(const char *what, uint64_t size, uint64_t bytes,
        solo5_time_t ns)
{
    uint64_t ms = (ns + 500000) / 1000000;
    uint64_t tenths;

    if (ns == 0)
        ns = 1;
    tenths = (bytes * 10000 + ns / 2) / ns;
    printf("blkbench: %s %llu B requests: %llu bytes in %llu.%03llu s "
            "= %llu.%llu MB/s\n", what, (unsigned long long)size,
            (unsigned long long)bytes, (unsigned long long)(ms / 1000),
            (unsigned long long)(ms % 1000),
            (unsigned long long)(tenths / 10),
            (unsigned long long)(tenths % 10));
}

static int run_pass(const struct pass *p)
{
    uint64_t cap = info.capacity, off, len;
    solo5_time_t t0;

    printf("blkbench: %llu B requests via %s\n", (unsigned long long)p->size,
            p->method == VIA_API ? "solo5_block_write/solo5_block_read"
            : "BLOCK_WRITE/BLOCK_READ hypercalls");

    for (uint64_t i = 0; i < p->size; i++)
        buf[i] = (uint8_t)(i * 7 + 1);

    t0 = solo5_clock_monotonic();
    for (off = 0; off < cap; off += len) {
        uint64_t stamp = stamp_for(off);
        len = cap - off < p->size ? cap - off : p->size;
        if (len >= 8)
            __builtin_memcpy(buf, &stamp, 8);
        if (do_write(p, off, len) != SOLO5_R_OK) {
            printf("blkbench: write of %llu bytes at %llu failed\n",
                    (unsigned long long)len, (unsigned long long)off);
            return -1;
        }
    }
    report("write", p->size, cap, solo5_clock_monotonic() - t0);

    t0 = solo5_clock_monotonic();
    for (off = 0; off < cap; off += len) {
        uint64_t stamp = stamp_for(off), got = 0;
        len = cap - off < p->size ? cap - off : p->size;
        if (do_read(p, off, len) != SOLO5_R_OK) {
            printf("blkbench: read of %llu bytes at %llu failed\n",
                    (unsigned long long)len, (unsigned long long)off);
            return -1;
        }
        if (len >= 8)
            __builtin_memcpy(&got, buf, 8);
        if (len >= 8 && got != stamp) {
            printf("blkbench: wrong data read at offset %llu\n",
                    (unsigned long long)off);
            return -1;
        }
    }
    report("read", p->size, cap, solo5_clock_monotonic() - t0);
    return 0;
}

/* "123", "64K", "1M"; 0 if malformed or out of range. */
static uint64_t parse_size(const char *s, size_t n)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > MAX_REQUEST)
            return 0;
    }
    if (i == 0)
        return 0;
    if (i + 1 == n && (s[i] == 'K' || s[i] == 'k'))
        v <<= 10;
    else if (i + 1 == n && (s[i] == 'M' || s[i] == 'm'))
        v <<= 20;
    else if (i != n)
        return 0;
    return v > MAX_REQUEST ? 0 : v;
}

static int parse_cmdline(const char *s, struct pass *passes, int *n)
{
    *n = 0;
    for (;;) {
        const char *w;
        size_t len;

        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0')
            return 0;
        w = s;
        while (*s != '\0' && !isspace((unsigned char)*s))
            s++;
        len = (size_t)(s - w);
        if (*n == MAX_PASSES)
            return -1;
        if (len == 3 && strncmp(w, "api", 3) == 0) {
            passes[*n].method = VIA_API;
            passes[*n].size = info.block_size;
        } else {
            passes[*n].method = VIA_HYPERCALL;
            passes[*n].size = parse_size(w, len);
            if (passes[*n].size == 0)
                return -1;
        }
        (*n)++;
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct pass passes[MAX_PASSES];
    uint64_t biggest = 0;
    int n;

    putstr("\n**** tender standalone test_blkbench ****\n\n");

    if (solo5_block_acquire("storage", &dev, &info) != SOLO5_R_OK) {
        putstr("Could not acquire 'storage' block device\nFAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }
    if (parse_cmdline(si->cmdline, passes, &n) != 0) {
        putstr("Usage: test_blkbench [ api | SIZE[K|M] ]...\n");
        return SOLO5_EXIT_FAILURE;
    }
    if (n == 0) {
        passes[0] = (struct pass){ VIA_API, info.block_size };
        passes[1] = (struct pass){ VIA_HYPERCALL, 64UL << 10 };
        n = 2;
    }
    for (int i = 0; i < n; i++) {
        if (passes[i].size > biggest)
            biggest = passes[i].size;
    }

    buf = (uint8_t *)((si->heap_start + 4095) & ~(uintptr_t)4095);
    if ((uintptr_t)buf + biggest + STACK_RESERVE >
            si->heap_start + si->heap_size) {
        putstr("blkbench: not enough memory for the requests\nFAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }

    printf("blkbench: device storage: %llu bytes, block size %llu\n",
            (unsigned long long)info.capacity,
            (unsigned long long)info.block_size);
    for (int i = 0; i < n; i++) {
        if (run_pass(&passes[i]) != 0) {
            putstr("FAILURE\n");
            return SOLO5_EXIT_FAILURE;
        }
    }
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
