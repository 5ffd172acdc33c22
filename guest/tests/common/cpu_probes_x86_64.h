/*
 * cpu_probes_x86_64.h: cpu_probes.h for x86_64 (included by it).
 */
#ifndef CPU_PROBES_X86_64_H
#define CPU_PROBES_X86_64_H

/* Variant II TLS: %fs:0 holds the thread pointer itself. */
static inline uintptr_t probe_thread_pointer(void)
{
    uintptr_t tp;

    __asm__ __volatile__("movq %%fs:0, %0" : "=r"(tp));
    return tp;
}

static inline uint64_t probe_tls_word(void)
{
    uint64_t v;

    __asm__ __volatile__("movq %%fs:0x28, %0" : "=r"(v) : : "memory");
    return v;
}

/* "ret" (0xC3); instruction fetch sees stores without help on x86_64. */
static inline void probe_store_return(uint8_t *code)
{
    code[0] = 0xC3;
}

#endif /* CPU_PROBES_X86_64_H */
