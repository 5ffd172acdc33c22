/*
 * test_cpuid: prints the CPUID feature bits the tender is meant to hide from
 * the guest (and a few it must keep), one "NAME: 0|1" line each, then the raw
 * registers of the leaves they come from. The test checks the lines.
 */
#include "solo5.h"
#include "guestlib.h"

struct regs {
    uint32_t a, b, c, d;
};

static struct regs cpuid(uint32_t leaf, uint32_t subleaf)
{
    struct regs r;

    __asm__ __volatile__("cpuid"
                         : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
                         : "a"(leaf), "c"(subleaf));
    return r;
}

static void flag(const char *name, uint32_t reg, int bit)
{
    printf("%s: %u\n", name, (unsigned)((reg >> bit) & 1));
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    putstr("\n**** tender standalone test_cpuid ****\n\n");
    struct regs max = cpuid(0, 0);
    struct regs ext = cpuid(0x80000000, 0);
    struct regs l1 = cpuid(1, 0);
    struct regs l7 = max.a >= 7 ? cpuid(7, 0) : (struct regs){0, 0, 0, 0};
    struct regs a1 = ext.a >= 0x80000001 ? cpuid(0x80000001, 0) : (struct regs){0, 0, 0, 0};
    struct regs svm = ext.a >= 0x8000000a ? cpuid(0x8000000a, 0) : (struct regs){0, 0, 0, 0};
    struct regs sev = ext.a >= 0x8000001f ? cpuid(0x8000001f, 0) : (struct regs){0, 0, 0, 0};
    struct regs pmu = max.a >= 0xa ? cpuid(0xa, 0) : (struct regs){0, 0, 0, 0};

    flag("VMX", l1.c, 5);
    flag("SMX", l1.c, 6);
    flag("PDCM", l1.c, 15);
    flag("DS", l1.d, 21);
    flag("SGX", l7.b, 2);
    flag("PT", l7.b, 25);
    flag("SVM", a1.c, 2);
    flag("SKINIT", a1.c, 12);
    flag("IBS", a1.c, 10);
    printf("SVM leaf: %x %x %x %x\n", svm.a, svm.b, svm.c, svm.d);
    printf("SEV leaf: %x %x %x %x\n", sev.a, sev.b, sev.c, sev.d);
    printf("PMU leaf: %x %x %x %x\n", pmu.a, pmu.b, pmu.c, pmu.d);
    /* Kept: the x86-64 baseline the runtime and compilers need. */
    flag("SSE2", l1.d, 26);
    flag("LM", a1.d, 29);
    printf("leaf 1: %x %x %x %x\n", l1.a, l1.b, l1.c, l1.d);
    printf("leaf 7: %x %x %x %x\n", l7.a, l7.b, l7.c, l7.d);
    printf("leaf 80000001: %x %x %x %x\n", a1.a, a1.b, a1.c, a1.d);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
