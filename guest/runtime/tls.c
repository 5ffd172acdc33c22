/*
 * tls.c: thread-local storage blocks, x86_64 "variant II" layout:
 *
 *   tls                          tp = tls + ltdata + ltbss
 *   | .tdata image | .tbss zeros | tp (pointer to itself) |
 *
 * %fs points at tp and variables sit at negative offsets from it. The
 * linker script provides _stdata (start of the .tdata image) and the sizes
 * _ltdata and _ltbss as absolute symbols.
 */
#include "runtime.h"

extern char _stdata[], _ltdata[], _ltbss[];

#define TDATA_SIZE ((size_t)(uintptr_t)_ltdata)
#define TBSS_SIZE ((size_t)(uintptr_t)_ltbss)

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

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    return platform_set_tls_base(base) == 0 ? SOLO5_R_OK : SOLO5_R_EINVAL;
}
