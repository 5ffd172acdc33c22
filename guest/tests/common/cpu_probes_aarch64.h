/*
 * cpu_probes_aarch64.h: cpu_probes.h for aarch64 (included by it).
 */
#ifndef CPU_PROBES_AARCH64_H
#define CPU_PROBES_AARCH64_H

/* Variant I TLS: TPIDR_EL0 is the thread pointer. */
static inline uintptr_t probe_thread_pointer(void)
{
    uintptr_t tp;

    __asm__ __volatile__("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

static inline uint64_t probe_tls_word(void)
{
    uint64_t tp, v;

    __asm__ __volatile__("mrs %0, tpidr_el0\n\t"
            "ldr %1, [%0, #0x28]" : "=&r"(tp), "=r"(v) : : "memory");
    return v;
}

/*
 * "ret" (0xd65f03c0, little-endian), then the data cache line cleaned and
 * the instruction cache line invalidated, so that the new instruction is
 * what gets fetched.
 */
static inline void probe_store_return(uint8_t *code)
{
    code[0] = 0xc0;
    code[1] = 0x03;
    code[2] = 0x5f;
    code[3] = 0xd6;
    __asm__ __volatile__("dc cvau, %0\n\t"
            "dsb ish\n\t"
            "ic ivau, %0\n\t"
            "dsb ish\n\t"
            "isb" : : "r"(code) : "memory");
}

#endif /* CPU_PROBES_AARCH64_H */
