/*
 * launch.c: tender-spt-launch, the program the `tender spt` JVM replaces
 * itself with (execve) once the Java side has validated the image, the
 * options and the devices (docs/spt.md).
 *
 * argv[1] is a file descriptor holding the launch plan the Java side wrote
 * (dev.tender.spt.LaunchPlan): guest memory size, the image path and the
 * ELF segments to load from it, the boot info bytes, the file descriptors
 * to keep, and the seccomp BPF program. This program:
 *
 *   1. maps guest memory at 0x10000 and loads the segments with their exact
 *      ELF protections, then writes the boot info at 0x11000;
 *   2. closes every file descriptor except stdout and the attached devices,
 *      creates the epoll set and the timerfd at the numbers the boot info
 *      names and registers the timer and the network devices;
 *   3. sets no_new_privs, installs the filter and jumps to the guest.
 *
 * It links no C library and is single-threaded: every system call it makes
 * is in this file, and after seccomp() it makes none. Any error is reported
 * as "<prog>: <message>" on stderr with exit status 1, like the tender's
 * other fatal errors.
 */
#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#define NORETURN __attribute__((noreturn))

/*
 * The architecture's part: system call numbers, the system call
 * instruction (syscall6) and the kernel's struct epoll_event layout.
 */
#if defined(__x86_64__)
#include "launch_x86_64.h"
#else
#error "tender-spt-launch: unsupported architecture (needs launch_<arch>.h and launch_<arch>.S)"
#endif

#define PROT_READ           0x1
#define PROT_WRITE          0x2
#define PROT_EXEC           0x4
#define MAP_PRIVATE         0x02
#define MAP_ANONYMOUS       0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define SIG_SETMASK         2
#define AT_FDCWD            (-100)
#define O_RDONLY            0
#define O_CLOEXEC           0x80000
#define READ_IMPLIES_EXEC   0x0400000
#define PR_SET_NAME         15
#define PR_SET_NO_NEW_PRIVS 38
#define RLIMIT_NOFILE       7
#define CLOCK_MONOTONIC     1
#define TFD_NONBLOCK        0x800
#define EPOLL_CTL_ADD       1
#define EPOLLIN             0x001
#define ENOSYS              38
#define EEXIST              17

/* Guest layout (docs/abi.md section 13.1). */
#define HOST_MEM_BASE       0x10000UL
#define BOOT_INFO_BASE      0x11000UL
#define TIMER_TAG           0xFFFFFFFEUL

/* Launch plan format; must match dev.tender.spt.LaunchPlan. */
#define PLAN_MAGIC          0x4c505354U         /* "TSPL" */
#define PLAN_END            0x444e4554U         /* "TEND" */
#define PLAN_VERSION        1U
#define PLAN_FLAG_EXEC_HEAP 0x1U
#define PLAN_MAX            (256 * 1024)
#define MAX_SEGS            64
#define MAX_FDS             70
#define MAX_BPF             4096

struct rlimit64 {
    uint64_t cur, max;
};

void launch_main(uint64_t *sp) NORETURN;
void enter_guest(uint64_t sp, uint64_t entry, uint64_t boot_info) NORETURN;

/* The compiler may emit calls to these for copies and clears. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

void *memset(void *dst, int c, size_t n)
{
    volatile uint8_t *d = dst;

    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

#define SYS1(n, a) syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define SYS2(n, a, b) syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define SYS3(n, a, b, c) syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SYS4(n, a, b, c, d) \
    syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SYS5(n, a, b, c, d, e) \
    syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

static NORETURN void exit_group(int status)
{
    for (;;)
        SYS1(NR_exit_group, status);
}

/* --- messages ----------------------------------------------------------- */

static char prog[128] = "tender-spt-launch";
static char image[4100];
static char msg[4608];
static size_t msg_len;

static void put(const char *s)
{
    while (*s != '\0' && msg_len < sizeof msg - 1)
        msg[msg_len++] = *s++;
}

static void put_u(uint64_t v)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0 && msg_len < sizeof msg - 1)
        msg[msg_len++] = tmp[--n];
}

static void put_i(long v)
{
    if (v < 0) {
        put("-");
        put_u((uint64_t)-v);
    } else {
        put_u((uint64_t)v);
    }
}

/* strerror(3) texts (glibc wording) for the errors these calls can give. */
static const char *error_text(long e)
{
    switch (e) {
    case 1: return "Operation not permitted";
    case 2: return "No such file or directory";
    case 4: return "Interrupted system call";
    case 5: return "Input/output error";
    case 9: return "Bad file descriptor";
    case 11: return "Resource temporarily unavailable";
    case 12: return "Cannot allocate memory";
    case 13: return "Permission denied";
    case 14: return "Bad address";
    case 17: return "File exists";
    case 19: return "No such device";
    case 22: return "Invalid argument";
    case 23: return "Too many open files in system";
    case 24: return "Too many open files";
    case 38: return "Function not implemented";
    default: return NULL;
    }
}

static void begin(void)
{
    msg_len = 0;
    put(prog);
    put(": ");
}

/* Ends the message (with ": <strerror>" when err > 0) and exits 1. */
static NORETURN void fail(long err)
{
    if (err > 0) {
        const char *t = error_text(err);
        put(": ");
        if (t != NULL) {
            put(t);
        } else {
            put("Unknown error ");
            put_u((uint64_t)err);
        }
    }
    msg[msg_len++] = '\n';
    SYS3(NR_write, 2, msg, msg_len);
    exit_group(1);
}

static NORETURN void fatal(const char *text, long err)
{
    begin();
    put(text);
    fail(err);
}

/* --- the launch plan ---------------------------------------------------- */

struct segment {
    uint64_t offset, vaddr, filesz, prot_start, prot_len;
    uint32_t prot, index;
};

struct watch {
    int32_t fd;
    uint64_t data;
};

static uint8_t plan_buf[PLAN_MAX];
static size_t plan_len, plan_pos;

static struct {
    uint32_t flags;
    int32_t elf_fd, epoll_fd, timer_fd;     /* elf_fd: opened here */
    uint64_t mem_size, entry;
    uint32_t n_segs, n_keep, n_watch, boot_info_len, n_bpf;
    struct segment segs[MAX_SEGS];
    int32_t keep[MAX_FDS];
    struct watch watch[MAX_FDS];
    const uint8_t *boot_info;
} plan;

static struct sock_filter bpf[MAX_BPF];

static NORETURN void bad_plan(void)
{
    fatal("invalid launch plan (this program is started by `tender spt')", 0);
}

static void take(void *dst, size_t n)
{
    if (n > plan_len - plan_pos)
        bad_plan();
    memcpy(dst, plan_buf + plan_pos, n);
    plan_pos += n;
}

static uint32_t take_u32(void)
{
    uint32_t v;

    take(&v, sizeof v);
    return v;
}

static uint64_t take_u64(void)
{
    uint64_t v;

    take(&v, sizeof v);
    return v;
}

/* A length-prefixed string into (dst), NUL-terminated. */
static void take_string(char *dst, size_t size)
{
    uint32_t n = take_u32();

    if (n >= size)
        bad_plan();
    take(dst, n);
    dst[n] = '\0';
}

static void read_plan(int fd)
{
    while (plan_len < sizeof plan_buf) {
        long n = SYS4(NR_pread64, fd, plan_buf + plan_len,
                sizeof plan_buf - plan_len, plan_len);
        if (n < 0)
            fatal("cannot read the launch plan", -n);
        if (n == 0)
            break;
        plan_len += (size_t)n;
    }
    if (plan_len == sizeof plan_buf)
        bad_plan();
    SYS1(NR_close, fd);
}

static void parse_plan(void)
{
    char name[sizeof prog];

    if (take_u32() != PLAN_MAGIC || take_u32() != PLAN_VERSION)
        bad_plan();
    take_string(name, sizeof name);
    memcpy(prog, name, sizeof prog);
    take_string(image, sizeof image);
    plan.flags = take_u32();
    plan.epoll_fd = (int32_t)take_u32();
    plan.timer_fd = (int32_t)take_u32();
    plan.mem_size = take_u64();
    plan.entry = take_u64();

    plan.n_segs = take_u32();
    if (plan.n_segs > MAX_SEGS)
        bad_plan();
    for (uint32_t i = 0; i < plan.n_segs; i++) {
        struct segment *s = &plan.segs[i];
        s->offset = take_u64();
        s->vaddr = take_u64();
        s->filesz = take_u64();
        s->prot_start = take_u64();
        s->prot_len = take_u64();
        s->prot = take_u32();
        s->index = take_u32();
    }

    plan.n_keep = take_u32();
    if (plan.n_keep > MAX_FDS)
        bad_plan();
    for (uint32_t i = 0; i < plan.n_keep; i++)
        plan.keep[i] = (int32_t)take_u32();

    plan.n_watch = take_u32();
    if (plan.n_watch > MAX_FDS)
        bad_plan();
    for (uint32_t i = 0; i < plan.n_watch; i++) {
        plan.watch[i].fd = (int32_t)take_u32();
        plan.watch[i].data = take_u64();
    }

    plan.boot_info_len = take_u32();
    if (plan.boot_info_len > plan_len - plan_pos)
        bad_plan();
    plan.boot_info = plan_buf + plan_pos;
    plan_pos += plan.boot_info_len;

    plan.n_bpf = take_u32();
    if (plan.n_bpf == 0 || plan.n_bpf > MAX_BPF)
        bad_plan();
    for (uint32_t i = 0; i < plan.n_bpf; i++) {
        uint64_t insn = take_u64();
        bpf[i].code = (uint16_t)insn;
        bpf[i].jt = (uint8_t)(insn >> 16);
        bpf[i].jf = (uint8_t)(insn >> 24);
        bpf[i].k = (uint32_t)(insn >> 32);
    }
    if (take_u32() != PLAN_END || plan_pos != plan_len)
        bad_plan();

    /* Sanity checks; the Java side has made sure of all of these. */
    if (plan.mem_size <= BOOT_INFO_BASE + plan.boot_info_len ||
            (plan.mem_size & 0xFFF) != 0 || plan.epoll_fd <= 2 ||
            plan.timer_fd <= 2 || plan.epoll_fd == plan.timer_fd)
        bad_plan();
    for (uint32_t i = 0; i < plan.n_keep; i++)
        if (plan.keep[i] < 0 || plan.keep[i] == plan.epoll_fd ||
                plan.keep[i] == plan.timer_fd)
            bad_plan();
}

/* --- the guest's address space ----------------------------------------- */

static void map_guest_memory(void)
{
    long prot = PROT_READ | PROT_WRITE;
    long p;

    if (plan.flags & PLAN_FLAG_EXEC_HEAP)
        prot |= PROT_EXEC;
    p = syscall6(NR_mmap, HOST_MEM_BASE, plan.mem_size - HOST_MEM_BASE, prot,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p < 0 && p > -4096)
        fatal("Error allocating guest memory", -p);
    if ((uint64_t)p != HOST_MEM_BASE)
        fatal("Error allocating guest memory", EEXIST);
}

static void open_image(void)
{
    long fd = SYS4(NR_openat, AT_FDCWD, image, O_RDONLY | O_CLOEXEC, 0);

    if (fd < 0) {
        begin();
        put(image);
        put(": Could not open");
        fail(-fd);
    }
    plan.elf_fd = (int32_t)fd;
}

/*
 * Copies each segment's file bytes to its address and applies its
 * protection. Addresses, sizes and protections come from the plan (checked
 * by the Java side against guest memory); only the bytes come from the file.
 */
static void load_segments(void)
{
    open_image();
    for (uint32_t i = 0; i < plan.n_segs; i++) {
        const struct segment *s = &plan.segs[i];
        uint64_t done = 0;
        long n = 0;

        while (done < s->filesz) {
            n = SYS4(NR_pread64, plan.elf_fd, s->vaddr + done,
                    s->filesz - done, s->offset + done);
            if (n <= 0)
                break;
            done += (uint64_t)n;
        }
        if (n < 0) {
            begin();
            put(image);
            put(": phdr[");
            put_u(s->index);
            put("] pread_in_full returned ");
            put_i(n);
            fail(0);
        }
        if (done != s->filesz) {
            begin();
            put(image);
            put(": phdr[");
            put_u(s->index);
            put("] host file segment mismatched (pread_in_full returned ");
            put_u(done);
            put(" != ");
            put_u(s->filesz);
            put(" (p_filesz))");
            fail(0);
        }
        n = SYS3(NR_mprotect, s->prot_start, s->prot_len, s->prot);
        if (n < 0) {
            begin();
            put(image);
            put(": mprotect failed");
            fail(-n);
        }
    }
    SYS1(NR_close, plan.elf_fd);
}

static void write_boot_info(void)
{
    memcpy((void *)BOOT_INFO_BASE, plan.boot_info, plan.boot_info_len);
}

/* --- file descriptors --------------------------------------------------- */

static int is_kept(int fd, int keep_stderr)
{
    if (fd == 1 || (keep_stderr && fd == 2))
        return 1;
    for (uint32_t i = 0; i < plan.n_keep; i++)
        if (plan.keep[i] == fd)
            return 1;
    return 0;
}

/* Closes [lo, hi] (hi may be ~0U), with a loop if close_range is missing. */
static void close_span(unsigned lo, unsigned hi, unsigned limit)
{
    if (lo > hi)
        return;
    if (SYS3(NR_close_range, lo, hi, 0) != -ENOSYS)
        return;
    for (unsigned fd = lo; fd <= hi && fd < limit; fd++)
        SYS1(NR_close, fd);
}

/* Closes every descriptor not in the keep list (stderr too, unless asked). */
static void close_others(int keep_stderr)
{
    struct rlimit64 rl = { 1024, 1024 };
    unsigned limit, lo = 0;

    SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, 0, &rl);
    limit = rl.cur > (1U << 20) ? (1U << 20) : (unsigned)rl.cur;
    for (;;) {
        /* Smallest kept fd >= lo, if any. */
        long next = -1;
        for (int fd = 0; fd <= 2; fd++)
            if (fd >= (int)lo && is_kept(fd, keep_stderr) &&
                    (next < 0 || fd < next))
                next = fd;
        for (uint32_t i = 0; i < plan.n_keep; i++)
            if (plan.keep[i] >= (int)lo && (next < 0 || plan.keep[i] < next))
                next = plan.keep[i];
        if (next < 0) {
            close_span(lo, ~0U, limit);
            return;
        }
        if ((unsigned)next > lo)
            close_span(lo, (unsigned)next - 1, limit);
        lo = (unsigned)next + 1;
    }
}

/* Moves a fresh descriptor to the number the boot info promised. */
static void place_fd(long fd, int want, const char *what)
{
    if (fd < 0)
        fatal(what, -fd);
    if (fd != want) {
        long r = SYS3(NR_dup3, fd, want, 0);
        if (r < 0)
            fatal(what, -r);
        SYS1(NR_close, fd);
    }
}

static void setup_events(void)
{
    struct epoll_event ev;
    long r;

    place_fd(SYS1(NR_epoll_create1, 0), plan.epoll_fd,
            "epoll_create1() failed");
    place_fd(SYS2(NR_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK),
            plan.timer_fd, "timerfd_create() failed");
    ev.events = EPOLLIN;
    ev.data = TIMER_TAG;
    r = SYS4(NR_epoll_ctl, plan.epoll_fd, EPOLL_CTL_ADD, plan.timer_fd, &ev);
    if (r < 0)
        fatal("epoll_ctl(EPOLL_CTL_ADD) failed", -r);
    for (uint32_t i = 0; i < plan.n_watch; i++) {
        ev.events = EPOLLIN;
        ev.data = plan.watch[i].data;
        r = SYS4(NR_epoll_ctl, plan.epoll_fd, EPOLL_CTL_ADD,
                plan.watch[i].fd, &ev);
        if (r < 0) {
            begin();
            put("epoll_ctl(EPOLL_CTL_ADD, hostfd=");
            put_i(plan.watch[i].fd);
            put(") failed");
            fail(-r);
        }
    }
}

/* --- entry -------------------------------------------------------------- */

static int parse_fd(const char *s)
{
    long v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > 1000000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return (int)v;
}

void launch_main(uint64_t *sp)
{
    long argc = (long)sp[0];
    char **argv = (char **)(sp + 1);
    uint64_t no_signals = 0;
    struct sock_fprog prog_desc;
    uint64_t stack_top, entry;
    int plan_fd;
    long r;

    /* The JVM thread that called execve() had signals blocked. */
    SYS4(NR_rt_sigprocmask, SIG_SETMASK, &no_signals, 0, sizeof no_signals);
    plan_fd = argc == 2 ? parse_fd(argv[1]) : -1;
    if (plan_fd < 0)
        bad_plan();
    if (argv[0] != NULL && argv[0][0] != '\0')
        SYS5(NR_prctl, PR_SET_NAME, argv[0], 0, 0, 0);
    read_plan(plan_fd);
    parse_plan();

    r = SYS1(NR_personality, 0xffffffffL);
    if (r >= 0 && (r & READ_IMPLIES_EXEC))
        fatal("Cowardly refusing to run with a sys_personality of "
                "READ_IMPLIES_EXEC. Please report a bug, with details of "
                "your Linux distribution and GCC version", 0);

    map_guest_memory();
    load_segments();
    write_boot_info();

    close_others(1);
    setup_events();
    r = SYS5(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (r < 0)
        fatal("prctl(PR_SET_NO_NEW_PRIVS) failed", -r);

    prog_desc.len = (unsigned short)plan.n_bpf;
    prog_desc.filter = bpf;
    stack_top = plan.mem_size - 8;
    entry = plan.entry;
    /*
     * stderr is closed last, so that every error above is reported. Should
     * seccomp() itself fail now (it cannot for a valid program once
     * no_new_privs is set), the exit status 1 is all that is left.
     */
    if (!is_kept(2, 0))
        SYS1(NR_close, 2);
    r = SYS3(NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog_desc);
    if (r < 0)
        fatal("seccomp(SECCOMP_SET_MODE_FILTER) failed", -r);

    /* Nothing of the plan stays behind in memory the guest can read. */
    memset(plan_buf, 0, sizeof plan_buf);
    memset(bpf, 0, sizeof bpf);
    memset(&plan, 0, sizeof plan);
    enter_guest(stack_top, entry, BOOT_INFO_BASE);
}
