/*
 * fuzz_spt.h: what fuzz_spt.c (calls the seccomp filter lets through, with
 * the results Linux gives them) and fuzz_spt_fatal.c (calls it must kill)
 * share. x86_64 system call numbers; see docs/abi.md §16.
 */
#ifndef FUZZ_SPT_H
#define FUZZ_SPT_H

#include "fuzz.h"
#include "mft_abi.h"
#include "../../runtime/spt/spt_abi.h"

extern char _stext[], _erodata[];   /* one R+X segment on spt */

#define SP_EFAULT       (-14L)
#define SP_EINVAL       (-22L)
#define SP_EPERM        (-1L)
#define SP_TIMER_TAG    0xFFFFFFFEULL

extern uint64_t sp_mem;         /* --mem: [0x10000, sp_mem) is mapped */
extern uint64_t sp_scratch;     /* [sp_scratch, sp_mem) is free for the fuzzer */
extern long sp_epollfd, sp_timerfd;

/* A pointer the kernel cannot use for len bytes: the unmapped low 64 KiB, non-canonical or kernel addresses. */
uint64_t sp_bad_pointer(uint64_t len);
/* True if the filter lets pread64/pwrite64(fd, .., count, off) through (some disk's rule matches). */
int sp_block_allowed(uint64_t fd, uint64_t count, uint64_t off);
/* One random call that the filter allows, its result checked. */
void sp_random_call(void);

static inline long sp_call(long nr, uint64_t a, uint64_t b, uint64_t c,
        uint64_t d, uint64_t e, uint64_t f)
{
    return spt_syscall6(nr, (long)a, (long)b, (long)c, (long)d, (long)e, (long)f);
}

#endif /* FUZZ_SPT_H */
