/*
 * tls_base_x86_64.c (spt): the TLS base is the FS base, which only the
 * kernel can set: arch_prctl(ARCH_SET_FS), the one arch_prctl the seccomp
 * filter allows. The kernel refuses non-canonical addresses (EPERM).
 */
#include "spt.h"

int platform_set_tls_base(uintptr_t base)
{
    long r = spt_syscall3(SPT_SYS_arch_prctl, SPT_ARCH_SET_FS, (long)base, 0);

    return r == 0 ? 0 : -1;
}
