/*
 * fuzz.h: shared parts of test_fuzz, a guest that makes random requests to
 * its tender (hypercalls on hvt, system calls on spt) and checks each answer
 * against docs/abi.md. See fuzz_common.c for the command line and the output.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include "solo5.h"
#include "guestlib.h"

#define FUZZ_DISKS      2
#define FUZZ_MAX_DISK   (128 * 1024)    /* largest capacity a shadow holds */
#define FUZZ_MARKS      256             /* console bytes that are all '#' */

enum fuzz_mode { FUZZ_CALLS, FUZZ_FATAL };

struct fuzz_disk {
    const char *name;
    solo5_handle_t handle;      /* manifest index: 1 + d (entry 0 is reserved) */
    uint64_t capacity;
    uint64_t block_size;
    long hostfd;                /* spt: the descriptor the filter allows */
    uint8_t *shadow;            /* what the backing file must hold */
};

extern enum fuzz_mode fuzz_mode;
extern uint64_t fuzz_seed;
extern uint64_t fuzz_count;     /* random calls before the end (or the fatal one) */
extern struct fuzz_disk disks[FUZZ_DISKS];
extern uint64_t calls;          /* requests issued */
extern uint64_t mismatches;     /* answers other than the ABI's */
extern uint64_t marks;          /* '#' bytes the guest had written to its console */
extern const char mark_bytes[FUZZ_MARKS];

/* Deterministic random numbers (splitmix64), seeded from the command line. */
uint64_t rnd(void);
uint64_t rnd_below(uint64_t n);             /* 0 .. n-1; n > 0 */
int rnd_percent(unsigned p);                /* true p times in 100 */
uint64_t rnd_pick(const uint64_t *v, size_t n);
/* Start of a len-byte range inside [lo, hi): often flush with either end. */
uint64_t rnd_place(uint64_t lo, uint64_t hi, uint64_t len);
/* An address whose range [p, p+len) is anywhere at all (likely invalid). */
uint64_t rnd_wild(uint64_t mem, uint64_t len);

/* Unaligned little-endian access to argument structures. */
void put64(volatile void *p, uint64_t v);
void put32(volatile void *p, uint32_t v);
uint64_t get64(const volatile void *p);
uint32_t get32(const volatile void *p);

/* The disk (0 or 1) with that handle, or -1. */
int disk_of(uint64_t handle);
/* Byte (off) of disk (d) as the test wrote it before the run. */
uint8_t pattern(int d, uint64_t off);
/* A request that returned OK changed or read [off, off+len) of disk (d). */
void shadow_write(int d, uint64_t off, const void *src, uint64_t len);
void shadow_check(int d, uint64_t off, const void *got, uint64_t len);

/* Counts a wrong answer; prints the first ones: "FUZZ mismatch call N: ..." */
void mismatch(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "FUZZ disks disk0=<fnv-1a 64> disk1=<fnv-1a 64>" of the shadows. */
void print_checksums(void);

/* Per target (fuzz_hvt*.c, fuzz_spt*.c); both end the guest. */
void fuzz_init(const struct solo5_start_info *si);
void fuzz_calls(void) __attribute__((noreturn));
void fuzz_fatal(void) __attribute__((noreturn));

#endif /* FUZZ_H */
