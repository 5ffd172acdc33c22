/*
 * start.c: the entry point, and the ELF marker notes of an hvt image.
 */
#include "runtime.h"

/*
 * Entered from the tender with the boot info (0x10000) in %rdi and
 * %rsp = mem_size - 8 (x86_64), or in x0 with SP = mem_size - 16 (aarch64).
 * Must not use the stack protector: the guard word is
 * only seeded here.
 */
void _start(const struct hvt_boot_info *bi)
    __attribute__((noreturn, no_stack_protector));

void _start(const struct hvt_boot_info *bi)
{
    static struct solo5_start_info si;

    /* Canary from the cycle counter, with bits 8-15 cleared (a NUL stops strcpy). */
    __stack_chk_guard = (uintptr_t)((cpu_cycles() << 16) ^ cpu_cycles());
    __stack_chk_guard &= ~(uintptr_t)0xFF00;

    cpu_init();
    /* Until the application sets up TLS, %fs accesses hit the zero page. */
    (void)platform_set_tls_base(0);
    platform_init(bi);
    si.cmdline = cmdline_parse(platform_cmdline());

    rt_log(LOG_INFO, "            |      ___|\n");
    rt_log(LOG_INFO, "  __|  _ \\  |  _ \\ __ \\\n");
    rt_log(LOG_INFO, "\\__ \\ (   | | (   |  ) |\n");
    rt_log(LOG_INFO, "____/\\___/ _|\\___/____/\n");
    rt_log(LOG_INFO, "Solo5: Bindings version %s\n", RUNTIME_VERSION);

    mem_init();
    time_init();
    net_init(bi);
    mem_heap(&si.heap_start, &si.heap_size);

    solo5_exit(solo5_app_main(&si));
}

/*
 * Running the image on the host fails: this interpreter does not exist.
 * Padded to 24 bytes like the reference images.
 */
static const char elf_interp[24]
    __attribute__((section(".interp"), aligned(8), used)) =
    "/nonexistent/solo5/";

/* ELF note headers with a 6-byte ("Solo5") or 8-byte ("OpenBSD") name. */
struct abi1_note {
    uint32_t n_namesz, n_descsz, n_type;
    char name[8];
    uint32_t abi_target, abi_version, reserved0, reserved1;
};
_Static_assert(sizeof(struct abi1_note) == 36, "ABI1 note is 36 bytes");

static const struct abi1_note abi1_note
    __attribute__((section(".note.solo5.abi"), aligned(4), used)) = {
    .n_namesz = 6,
    .n_descsz = 16,
    .n_type = 0x31494241,               /* "ABI1" */
    .name = "Solo5",
    .abi_target = HVT_ABI_TARGET,
    .abi_version = HVT_ABI_VERSION,
};

struct openbsd_note {
    uint32_t n_namesz, n_descsz, n_type;
    char name[8];
    uint32_t desc;
};
_Static_assert(sizeof(struct openbsd_note) == 24, "OpenBSD note is 24 bytes");

/* Marks the image as "OpenBSD" so OpenBSD's kernel refuses to exec it. */
static const struct openbsd_note openbsd_note
    __attribute__((section(".note.solo5.not_openbsd"), aligned(4), used)) = {
    .n_namesz = 8,
    .n_descsz = 4,
    .n_type = 1,
    .name = "OpenBSD",
    .desc = 0,
};
