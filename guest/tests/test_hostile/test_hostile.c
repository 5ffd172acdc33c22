/*
 * test_hostile: a guest that misbehaves on purpose, to check how the tender
 * answers. The first command-line word picks the misbehaviour; the tender is
 * expected to end the guest with Solo5's message (or to let a call at the very
 * edge of what is allowed succeed, in which case SUCCESS is printed).
 */
#include "solo5.h"
#include "guestlib.h"
#include "../../runtime/hvt/hvt_abi.h"

static uint64_t mem_size(void)
{
    const volatile struct hvt_boot_info *bi =
        (const volatile struct hvt_boot_info *)HVT_BOOT_INFO_GPA;
    return bi->mem_size;
}

static void puts_at(uint64_t gpa, uint64_t len)
{
    static volatile struct hvt_hc_puts p;
    p.data = gpa;
    p.len = len;
    hvt_hypercall(HVT_HYPERCALL_PUTS, &p);
}

static void halt_with_cookie(uint64_t cookie, int status)
{
    static volatile struct hvt_hc_halt h;
    h.cookie = cookie;
    h.exit_status = status;
    hvt_hypercall(HVT_HYPERCALL_HALT, &h);
}

static void out32(uint16_t port, uint32_t value)
{
    __asm__ __volatile__("outl %0, %1" : : "a"(value), "d"(port) : "memory");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *what = si->cmdline;
    uint64_t top = mem_size();

    if (strcmp(what, "puts-below-top") == 0) {
        /* [top-5, top-1): ends one byte below the top, which is allowed. */
        puts_at(top - 5, 4);
        putstr("\nSUCCESS\n");
        return 0;
    } else if (strcmp(what, "puts-at-top") == 0) {
        /* [top-4, top): ends exactly at the top, which Solo5 rejects. */
        puts_at(top - 4, 4);
    } else if (strcmp(what, "puts-wrap") == 0) {
        puts_at(0x100000, ~(uint64_t)0 - 0xff);
    } else if (strcmp(what, "puts-beyond") == 0) {
        puts_at(top, 1);
    } else if (strcmp(what, "struct-at-top") == 0) {
        /* the argument structure itself straddles the top */
        out32(HVT_HYPERCALL_PIO_BASE + HVT_HYPERCALL_PUTS, (uint32_t)(top - 8));
    } else if (strcmp(what, "walltime-in-text") == 0) {
        /* WALLTIME's result would land in the (host read-only) text */
        out32(HVT_HYPERCALL_PIO_BASE + HVT_HYPERCALL_WALLTIME,
                (uint32_t)(uintptr_t)&solo5_app_main);
    } else if (strcmp(what, "bad-port") == 0) {
        out32(HVT_HYPERCALL_PIO_BASE + 9, 0);
    } else if (strcmp(what, "in-port") == 0) {
        uint32_t v;
        __asm__ __volatile__("inl %1, %0" : "=a"(v) : "d"((uint16_t)0x502));
        (void)v;
    } else if (strcmp(what, "byte-out") == 0) {
        __asm__ __volatile__("outb %0, %1" : : "a"((uint8_t)0), "d"((uint16_t)0x502));
    } else if (strcmp(what, "hypercall0") == 0) {
        out32(HVT_HYPERCALL_PIO_BASE, 0x1000);
    } else if (strcmp(what, "no-block") == 0) {
        out32(HVT_HYPERCALL_PIO_BASE + HVT_HYPERCALL_BLOCK_WRITE, 0x1000);
    } else if (strcmp(what, "kick-no-ring") == 0) {
        out32(0x600, 0);
    } else if (strcmp(what, "cookie-below-top") == 0) {
        halt_with_cookie(top - 513, 7);
    } else if (strcmp(what, "cookie-at-top") == 0) {
        halt_with_cookie(top - 512, 7);
    } else if (strcmp(what, "exit300") == 0) {
        solo5_exit(300);
    } else if (strcmp(what, "hlt") == 0) {
        __asm__ __volatile__("cli; hlt");
    } else {
        printf("unknown misbehaviour '%s'\n", what);
        return 2;
    }
    putstr("still running\n");
    return 3;
}
