/*
 * test_cpuid: prints the CPU features the tender is meant to hide from the
 * guest (and a few it must keep), one "NAME: value" line each, then the raw
 * registers they come from. The test checks the lines. x86_64 reads CPUID;
 * aarch64 reads the ID registers, as KVM presents them to the guest.
 */
#include "solo5.h"
#include "guestlib.h"

#if defined(__x86_64__)

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

#elif defined(__aarch64__)

/* An ID register by its encoding, which every assembler accepts. */
#define READ_ID(enc) ({ uint64_t v_; __asm__ __volatile__("mrs %0, " enc : "=r"(v_)); v_; })

static void field(const char *name, uint64_t reg, int lsb)
{
    printf("%s: %u\n", name, (unsigned)((reg >> lsb) & 0xf));
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    putstr("\n**** tender standalone test_cpuid ****\n\n");
    uint64_t pfr0 = READ_ID("S3_0_C0_C4_0");    /* ID_AA64PFR0_EL1 */
    uint64_t pfr1 = READ_ID("S3_0_C0_C4_1");    /* ID_AA64PFR1_EL1 */
    uint64_t dfr0 = READ_ID("S3_0_C0_C5_0");    /* ID_AA64DFR0_EL1 */
    uint64_t isar1 = READ_ID("S3_0_C0_C6_1");   /* ID_AA64ISAR1_EL1 */

    field("EL2", pfr0, 8);          /* nested virtualisation */
    field("SVE", pfr0, 32);
    field("MPAM", pfr0, 40);
    field("AMU", pfr0, 44);
    field("MTE", pfr1, 8);
    field("SME", pfr1, 24);
    field("PMUVer", dfr0, 8);
    field("PMSVer", dfr0, 32);      /* statistical profiling */
    field("TraceBuffer", dfr0, 44);
    field("APA", isar1, 4);         /* pointer authentication */
    field("API", isar1, 8);
    field("GPA", isar1, 24);
    field("GPI", isar1, 28);
    /* Kept: floating point and Advanced SIMD (0 means implemented). */
    field("FP", pfr0, 16);
    field("AdvSIMD", pfr0, 20);
    field("EL1", pfr0, 4);
    printf("ID_AA64PFR0_EL1: %lx\nID_AA64PFR1_EL1: %lx\nID_AA64DFR0_EL1: %lx\nID_AA64ISAR1_EL1: %lx\n",
           (unsigned long)pfr0, (unsigned long)pfr1, (unsigned long)dfr0, (unsigned long)isar1);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}

#endif
