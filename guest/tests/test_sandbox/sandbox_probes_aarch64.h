/*
 * sandbox_probes_aarch64.h: the probes of test_sandbox.c that only aarch64
 * has (included by it): none. A 64-bit arm64 process has a single system
 * call ABI (AArch32 calls come only from 32-bit code), and the guest sets
 * its TLS base with "msr tpidr_el0", so there is no arch_prctl to misuse.
 */
#ifndef SANDBOX_PROBES_AARCH64_H
#define SANDBOX_PROBES_AARCH64_H

static int arch_probe(const char *p)
{
    (void)p;
    return 0;
}

#endif /* SANDBOX_PROBES_AARCH64_H */
