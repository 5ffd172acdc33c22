/*
 * cpu_aarch64.c: the exception vector table and the trap handler (hvt on
 * aarch64).
 *
 * The tender enters the guest at EL1 with the MMU, the caches and FP/SIMD
 * already enabled (docs/abi.md section 11.3); the runtime only installs its
 * vectors in VBAR_EL1. Every exception is fatal: the entry code in
 * vectors_aarch64.S saves the registers on the current stack and calls
 * cpu_trap_handler(), which reports them and sends HALT(255).
 */
#include "hvt.h"

/* vectors_aarch64.S: 16 entries of 128 bytes, 2 KiB aligned. */
extern char cpu_vectors[];

void cpu_init(void)
{
    __asm__ __volatile__("msr vbar_el1, %0\n\tisb" : : "r"(cpu_vectors)
            : "memory");
}

/* Laid out by vectors_aarch64.S. */
struct trap_frame {
    uint64_t x[31];             /* x0..x30 at the time of the exception */
    uint64_t sp;                /* the interrupted stack pointer */
    uint64_t elr, spsr, esr, far;
};
_Static_assert(sizeof(struct trap_frame) == 288, "trap frame layout");

/* The vector's position in the table: source (EL1t/EL1h/EL0) and kind. */
static const char *const vector_names[16] = {
    "Synchronous EL1t", "IRQ EL1t", "FIQ EL1t", "SError EL1t",
    "Synchronous EL1h", "IRQ EL1h", "FIQ EL1h", "SError EL1h",
    "Synchronous EL0/64", "IRQ EL0/64", "FIQ EL0/64", "SError EL0/64",
    "Synchronous EL0/32", "IRQ EL0/32", "FIQ EL0/32", "SError EL0/32",
};

/*
 * The HALT cookie: a copy of the frame in the runtime's own BSS, which the
 * linker script keeps low in memory, so the tender can always read the
 * 512 bytes it takes from the cookie address (the stack may end less than
 * 512 bytes above the frame).
 */
static struct trap_frame halt_frame;

static volatile int in_trap;

void cpu_trap_handler(uint64_t vector, void *frame)
{
    const struct trap_frame *tf = frame;
    uint64_t ec = (tf->esr >> 26) & 0x3F;

    /* A fault while reporting a fault: stop without touching anything. */
    if (in_trap)
        platform_exit(SOLO5_EXIT_ABORT, NULL);
    in_trap = 1;

    rt_log(LOG_INFO, "Solo5: trap: type=%s ec=0x%lx esr=0x%lx elr=0x%lx "
            "sp=0x%lx spsr=0x%lx\n", vector_names[vector & 15],
            (unsigned long)ec, (unsigned long)tf->esr,
            (unsigned long)tf->elr, (unsigned long)tf->sp,
            (unsigned long)tf->spsr);
    /* Instruction and data aborts (from EL0 or EL1) have a fault address. */
    if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)
        rt_log(LOG_INFO, "Solo5: trap: far=0x%lx\n", (unsigned long)tf->far);
    memcpy(&halt_frame, tf, sizeof halt_frame);
    PANIC("Fatal trap", &halt_frame);
}
