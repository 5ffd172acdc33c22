/*
 * tls.c: thread-local storage blocks.
 *
 * x86_64, "variant II":
 *
 *   tls                          tp = tls + ltdata + ltbss
 *   | .tdata image | .tbss zeros | tp (pointer to itself) |
 *
 * %fs points at tp and variables sit at negative offsets from it.
 *
 * aarch64, "variant I":
 *
 *   tp = tls
 *   | TCB (16 bytes) | .tdata image | .tbss zeros |
 *
 * TPIDR_EL0 points at tp and variables sit at tp + 16 + their offset in the
 * TLS segment (whose alignment the linker script keeps at most 16).
 *
 * The linker script provides _stdata (start of the .tdata image) and the
 * sizes _ltdata and _ltbss as absolute symbols.
 */
#include "runtime.h"

extern char _stdata[], _ltdata[], _ltbss[];

#define TDATA_SIZE ((size_t)(uintptr_t)_ltdata)
#define TBSS_SIZE ((size_t)(uintptr_t)_ltbss)

#if defined(__aarch64__)
#define TCB_SIZE 16

size_t solo5_tls_size(void)
{
    return TCB_SIZE + TDATA_SIZE + TBSS_SIZE;
}

uintptr_t solo5_tls_tp_offset(uintptr_t tls)
{
    return tls;
}

solo5_result_t solo5_tls_init(uintptr_t tls)
{
    if (tls == 0)
        return SOLO5_R_EINVAL;
    memset((void *)tls, 0, TCB_SIZE);
    memcpy((void *)(tls + TCB_SIZE), _stdata, TDATA_SIZE);
    memset((void *)(tls + TCB_SIZE + TDATA_SIZE), 0, TBSS_SIZE);
    return SOLO5_R_OK;
}
#else
size_t solo5_tls_size(void)
{
    return TDATA_SIZE + TBSS_SIZE + sizeof(uintptr_t);
}

uintptr_t solo5_tls_tp_offset(uintptr_t tls)
{
    return tls + TDATA_SIZE + TBSS_SIZE;
}

solo5_result_t solo5_tls_init(uintptr_t tls)
{
    uintptr_t *tp;

    if (tls == 0)
        return SOLO5_R_EINVAL;
    memcpy((void *)tls, _stdata, TDATA_SIZE);
    memset((void *)(tls + TDATA_SIZE), 0, TBSS_SIZE);
    tp = (uintptr_t *)solo5_tls_tp_offset(tls);
    *tp = (uintptr_t)tp;
    return SOLO5_R_OK;
}
#endif

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    return platform_set_tls_base(base) == 0 ? SOLO5_R_OK : SOLO5_R_EINVAL;
}
