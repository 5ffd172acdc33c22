/*
 * test_notls: with no TLS block installed the TLS base (the FS base, or
 * TPIDR_EL0) is 0, so a load relative to it reads the unmapped zero page and
 * must fault.
 */
#include "solo5.h"
#include "guestlib.h"
#include "../common/cpu_probes.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    uint64_t v;

    putstr("\n**** tender standalone test_notls ****\n\n");

    v = probe_tls_word();

    printf("FAILURE: read 0x%lx through an unset TLS base\n", (unsigned long)v);
    return SOLO5_EXIT_FAILURE;
}
