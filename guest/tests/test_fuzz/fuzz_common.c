/*
 * test_fuzz: a hostile guest that makes random requests to its tender and
 * checks every answer against docs/abi.md (hypercalls on hvt, system calls
 * under the seccomp filter on spt). Built for hvt and spt; this file is the
 * part both share.
 *
 * Command line: MODE SEED COUNT
 *   calls  COUNT random requests whose arguments are bad in every way the
 *          ABI answers with an error (bad handles, offsets, lengths, flags,
 *          pointers the call must refuse) or good; each answer is checked.
 *          Then "FUZZ done calls=N mismatches=M ..." and the guest ends with
 *          a random exit status that the summary names.
 *   fatal  COUNT such requests, then one that the ABI says ends the guest
 *          (hvt: a message from the tender and status 1; spt: SIGSYS),
 *          announced as "FUZZ expect ..." before it is made.
 * The same SEED gives the same requests. The guest keeps a shadow of both
 * disks (their initial contents are pattern() below, written by the test),
 * updated by every write that succeeded; "FUZZ disks ..." prints their
 * FNV-1a checksums, which the test compares with the files afterwards. Every
 * console write of the fuzzer itself consists of '#' bytes only ("marks=").
 */
#include "fuzz.h"

enum fuzz_mode fuzz_mode;
uint64_t fuzz_seed;
uint64_t fuzz_count;
struct fuzz_disk disks[FUZZ_DISKS];
uint64_t calls;
uint64_t mismatches;
uint64_t marks;
const char mark_bytes[FUZZ_MARKS] = { [0 ... FUZZ_MARKS - 1] = '#' };

/* The stack the fuzzer runs on. */
static uint8_t fuzz_stack[64 * 1024] __attribute__((aligned(16)));

static uint8_t shadows[FUZZ_DISKS][FUZZ_MAX_DISK];
static uint64_t rnd_state;

#define MAX_REPORTED 20

uint64_t rnd(void)
{
    uint64_t z = (rnd_state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rnd_below(uint64_t n)
{
    return rnd() % n;
}

int rnd_percent(unsigned p)
{
    return rnd_below(100) < p;
}

uint64_t rnd_pick(const uint64_t *v, size_t n)
{
    return v[rnd_below(n)];
}

uint64_t rnd_place(uint64_t lo, uint64_t hi, uint64_t len)
{
    uint64_t room = hi - lo - len;

    switch (rnd_below(4)) {
    case 0:
        return lo;
    case 1:
        return lo + room;
    default:
        return lo + rnd_below(room + 1);
    }
}

uint64_t rnd_wild(uint64_t mem, uint64_t len)
{
    const uint64_t v[] = { 0, 1, mem - 1, mem, mem + 1, mem - len,
        mem - len + 1, -len, ~0ULL, 0xFFFFFFFFULL, 1ULL << 32, 1ULL << 63,
        rnd(), rnd_below(mem), mem + rnd_below(1ULL << 32) };

    return rnd_pick(v, sizeof v / sizeof v[0]);
}

void put64(volatile void *p, uint64_t v)
{
    volatile uint8_t *b = p;

    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

void put32(volatile void *p, uint32_t v)
{
    volatile uint8_t *b = p;

    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

uint64_t get64(const volatile void *p)
{
    const volatile uint8_t *b = p;
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = (v << 8) | b[i];
    return v;
}

uint32_t get32(const volatile void *p)
{
    const volatile uint8_t *b = p;

    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
        (uint32_t)b[3] << 24;
}

uint8_t pattern(int d, uint64_t off)
{
    return (uint8_t)((off * 7) ^ (off >> 9) ^ (uint64_t)(d * 0x5A));
}

int disk_of(uint64_t handle)
{
    for (int d = 0; d < FUZZ_DISKS; d++)
        if (disks[d].handle == handle)
            return d;
    return -1;
}

void shadow_write(int d, uint64_t off, const void *src, uint64_t len)
{
    memmove(disks[d].shadow + off, src, len);
}

void shadow_check(int d, uint64_t off, const void *got, uint64_t len)
{
    const uint8_t *g = got;

    for (uint64_t i = 0; i < len; i++) {
        if (g[i] != disks[d].shadow[off + i]) {
            mismatch("%s byte %llu read as 0x%02x, written 0x%02x",
                    disks[d].name, (unsigned long long)(off + i), g[i],
                    disks[d].shadow[off + i]);
            return;
        }
    }
}

void mismatch(const char *fmt, ...)
{
    char line[200];
    va_list ap;

    if (++mismatches > MAX_REPORTED)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    printf("FUZZ mismatch call %llu: %s\n", (unsigned long long)calls, line);
}

static uint64_t fnv1a(const uint8_t *p, uint64_t n)
{
    uint64_t h = 0xCBF29CE484222325ULL;

    for (uint64_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001B3ULL;
    return h;
}

void print_checksums(void)
{
    printf("FUZZ disks %s=%016llx %s=%016llx\n", disks[0].name,
            (unsigned long long)fnv1a(disks[0].shadow, disks[0].capacity),
            disks[1].name,
            (unsigned long long)fnv1a(disks[1].shadow, disks[1].capacity));
}

/* The next word of (*p) as a decimal number; -1 if there is none. */
static int word_number(const char **p, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;

    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (uint64_t)(*s - '0');
    *p = s;
    *out = v;
    return 0;
}

static int parse(const char *cmdline)
{
    const char *p = cmdline;

    if (strncmp(p, "calls ", 6) == 0)
        fuzz_mode = FUZZ_CALLS;
    else if (strncmp(p, "fatal ", 6) == 0)
        fuzz_mode = FUZZ_FATAL;
    else
        return -1;
    p += 6;
    if (word_number(&p, &fuzz_seed) != 0 || word_number(&p, &fuzz_count) != 0)
        return -1;
    return *p == '\0' ? 0 : -1;
}

static int disks_init(void)
{
    static const char *const names[FUZZ_DISKS] = { "disk0", "disk1" };

    for (int d = 0; d < FUZZ_DISKS; d++) {
        struct solo5_block_info info = { 0, 0 };
        struct fuzz_disk *k = &disks[d];

        if (solo5_block_acquire(names[d], &k->handle, &info) != SOLO5_R_OK ||
                info.capacity > FUZZ_MAX_DISK || k->handle != (uint64_t)d + 1) {
            printf("FUZZ %s: handle %llu, capacity %llu\n", names[d],
                    (unsigned long long)k->handle,
                    (unsigned long long)info.capacity);
            return -1;
        }
        k->name = names[d];
        k->capacity = info.capacity;
        k->block_size = info.block_size;
        k->shadow = shadows[d];
        for (uint64_t i = 0; i < k->capacity; i++)
            k->shadow[i] = pattern(d, i);
    }
    return 0;
}

/* Runs on fuzz_stack, so that all memory above the image is free to use. */
static void fuzz_main(void) __attribute__((noreturn));
static void fuzz_main(void)
{
    if (fuzz_mode == FUZZ_CALLS)
        fuzz_calls();
    fuzz_fatal();
}

int solo5_app_main(const struct solo5_start_info *si)
{
    if (parse(si->cmdline) != 0) {
        printf("usage: calls|fatal SEED COUNT (got '%s')\n", si->cmdline);
        return 2;
    }
    if (disks_init() != 0) {
        putstr("FUZZ needs block devices disk0 and disk1 of at most 128 KiB\n");
        return 2;
    }
    rnd_state = fuzz_seed;
    fuzz_init(si);
    printf("FUZZ start mode=%s seed=%llu count=%llu\n",
            fuzz_mode == FUZZ_CALLS ? "calls" : "fatal",
            (unsigned long long)fuzz_seed, (unsigned long long)fuzz_count);
    /* Leave the initial stack (at the top of memory) for good. */
#if defined(__x86_64__)
    __asm__ __volatile__("mov %0, %%rsp\n\tcall *%1\n\tud2"
            :
            : "r"(fuzz_stack + sizeof fuzz_stack), "r"(fuzz_main)
            : "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("mov sp, %0\n\tblr %1\n\tbrk #1"
            :
            : "r"(fuzz_stack + sizeof fuzz_stack), "r"(fuzz_main)
            : "memory");
#else
#error "fuzz_common.c: no stack switch for this architecture"
#endif
    __builtin_unreachable();
}
