/*
 * test_tls: two TLS blocks carved from the heap, switched with
 * solo5_set_tls_base(). Each must start from the .tdata image (0xC0FFEE) and
 * zeroed .tbss, and keep its own values. Exit codes 1-7, 10 and 11 tell
 * which check failed.
 */
#include "solo5.h"
#include "guestlib.h"
#include "../common/cpu_probes.h"

static __thread volatile long in_tdata = 0xC0FFEE;
static __thread volatile int in_tbss;

static int use_block(uintptr_t block)
{
    return solo5_set_tls_base(solo5_tls_tp_offset(block)) == SOLO5_R_OK;
}

/*
 * The variables are touched only in functions of their own: the compiler may
 * keep the thread pointer it read in a register for a whole function (aarch64
 * reads TPIDR_EL0 once), so a function that switches blocks must not access
 * them itself. On entry to each of these, the block in use is the new one.
 */
static __attribute__((noinline)) long tdata(void)
{
    return in_tdata;
}

static __attribute__((noinline)) int tbss(void)
{
    return in_tbss;
}

static __attribute__((noinline)) void set_vars(long d, int b)
{
    in_tdata = d;
    in_tbss = b;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    size_t size = solo5_tls_size();
    size_t stride = (size + 63) & ~(size_t)63;
    uintptr_t one = (si->heap_start + 63) & ~(uintptr_t)63;
    uintptr_t two = one + stride;

    putstr("\n**** tender standalone test_tls ****\n\n");
    printf("TLS block size: %lu bytes\n", (unsigned long)size);

    if (solo5_tls_init(0) != SOLO5_R_EINVAL)
        return 10;
    /* Dirty the memory first: solo5_tls_init() must zero .tbss itself. */
    memset((void *)one, 0xA5, 2 * stride);
    if (solo5_tls_init(one) != SOLO5_R_OK || solo5_tls_init(two) != SOLO5_R_OK)
        return 11;

    if (!use_block(one) || tdata() != 0xC0FFEE)
        return 1;
    if (tbss() != 0)
        return 2;
    set_vars(1111, 1);

    if (!use_block(two) || tdata() != 0xC0FFEE)
        return 3;
    if (tbss() != 0)
        return 4;
    set_vars(2222, 2);

    if (!use_block(one) || tdata() != 1111 || tbss() != 1)
        return 5;
    if (!use_block(two) || tdata() != 2222 || tbss() != 2)
        return 6;

    /* The CPU's TLS register points at the block's thread pointer. */
    if (probe_thread_pointer() != solo5_tls_tp_offset(two))
        return 7;

    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
