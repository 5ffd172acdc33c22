/*
 * cpu_x86_64.c: the runtime's own GDT, TSS and IDT, and the trap handler.
 *
 * Every exception is fatal. The handlers run on IST stacks in .bss, so the
 * trap frame handed to the tender as the HALT cookie lies inside the image
 * with plenty of readable memory after it (the tender reads 512 bytes).
 */
#include "hvt.h"

#define SEL_CODE 0x08
#define SEL_DATA 0x10
#define SEL_TSS  0x18

/* Same descriptors as the tender's boot GDT (docs/abi.md section 5.2). */
#define DESC_CODE64 0x00AF99000000FFFFULL
#define DESC_DATA   0x00CF93000000FFFFULL

static uint64_t gdt[5] __attribute__((aligned(16)));

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "TSS must be 104 bytes");

static struct tss tss __attribute__((aligned(16)));

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate must be 16 bytes");

#define N_VECTORS 32
static struct idt_gate idt[N_VECTORS] __attribute__((aligned(16)));

/* Entry stubs, in trap_x86_64.S. */
extern const uint64_t cpu_trap_vectors[N_VECTORS];

/*
 * IST1 serves ordinary exceptions, IST2 #NMI and #DF. The tail keeps the
 * 512 bytes after the last possible trap frame inside this object.
 */
static struct {
    uint8_t trap[8192];
    uint8_t critical[4096];
    uint8_t tail[HVT_HALT_COOKIE_SIZE];
} ist_stacks __attribute__((aligned(16)));

struct dtr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

static void gdt_init(void)
{
    uint64_t base = (uint64_t)(uintptr_t)&tss;
    uint64_t limit = sizeof tss - 1;
    struct dtr d = { sizeof gdt - 1, (uint64_t)(uintptr_t)gdt };

    gdt[0] = 0;
    gdt[1] = DESC_CODE64;
    gdt[2] = DESC_DATA;
    /* 64-bit available TSS (type 9), present, DPL 0; 16-byte descriptor. */
    gdt[3] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ULL << 40) |
        (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    gdt[4] = base >> 32;

    /* Load the GDT, reload CS with a far return, then the data segments. */
    __asm__ __volatile__(
            "lgdt %0\n\t"
            "pushq %1\n\t"
            "leaq 1f(%%rip), %%rax\n\t"
            "pushq %%rax\n\t"
            "lretq\n"
            "1:\n\t"
            "movw %w2, %%ax\n\t"
            "movw %%ax, %%ds\n\t"
            "movw %%ax, %%es\n\t"
            "movw %%ax, %%ss\n\t"
            "movw %%ax, %%fs\n\t"
            "movw %%ax, %%gs\n\t"
            :
            : "m"(d), "i"(SEL_CODE), "i"(SEL_DATA)
            : "rax", "memory");
}

static void tss_init(void)
{
    tss.ist[0] = (uint64_t)(uintptr_t)(ist_stacks.trap + sizeof ist_stacks.trap);
    tss.ist[1] = (uint64_t)(uintptr_t)(ist_stacks.critical +
            sizeof ist_stacks.critical);
    tss.iomap_base = sizeof tss;
    __asm__ __volatile__("ltr %w0" : : "r"(SEL_TSS) : "memory");
}

static void idt_init(void)
{
    struct dtr d = { sizeof idt - 1, (uint64_t)(uintptr_t)idt };

    for (unsigned v = 0; v < N_VECTORS; v++) {
        uint64_t fn = cpu_trap_vectors[v];
        idt[v].offset_lo = fn & 0xFFFF;
        idt[v].selector = SEL_CODE;
        idt[v].ist = (v == 2 || v == 8) ? 2 : 1;
        idt[v].type_attr = 0x8E;        /* present, DPL 0, interrupt gate */
        idt[v].offset_mid = (fn >> 16) & 0xFFFF;
        idt[v].offset_hi = (uint32_t)(fn >> 32);
        idt[v].reserved = 0;
    }
    __asm__ __volatile__("lidt %0" : : "m"(d) : "memory");
}

void cpu_init(void)
{
    gdt_init();
    tss_init();
    idt_init();
}

/* Laid out by trap_x86_64.S on the IST stack; also the HALT cookie. */
struct trap_frame {
    uint64_t cr2, ec, rip, cs, rflags, rsp, ss;
};

static const char *const trap_names[N_VECTORS] = {
    "#DE", "#DB", "#NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#9", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#21", "#22", "#23",
    "#24", "#25", "#26", "#27", "#28", "#29", "#30", "#31",
};

static volatile int in_trap;

void cpu_trap_handler(uint64_t vector, void *frame)
{
    const struct trap_frame *tf = frame;

    /* A fault while reporting a fault: stop without touching anything. */
    if (in_trap)
        platform_exit(SOLO5_EXIT_ABORT, NULL);
    in_trap = 1;

    rt_log(LOG_INFO, "Solo5: trap: type=%s ec=0x%lx rip=0x%lx rsp=0x%lx "
            "rflags=0x%lx\n", trap_names[vector % N_VECTORS],
            (unsigned long)tf->ec, (unsigned long)tf->rip,
            (unsigned long)tf->rsp, (unsigned long)tf->rflags);
    if (vector == 14)
        rt_log(LOG_INFO, "Solo5: trap: cr2=0x%lx\n", (unsigned long)tf->cr2);
    PANIC("Fatal trap", frame);
}
