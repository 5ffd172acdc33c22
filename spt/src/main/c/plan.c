/*
 * plan.c: the launch plan the Java side wrote (dev.tender.spt.LaunchPlan),
 * read whole from its file descriptor and parsed into `plan`. Every field is
 * little-endian; any inconsistency is "invalid launch plan" (this program
 * is not meant to be run by hand).
 */
#include "launch.h"

#define PLAN_MAGIC          0x4c505354U         /* "TSPL" */
#define PLAN_END            0x444e4554U         /* "TEND" */
#define PLAN_VERSION        2U
#define PLAN_MAX            (256 * 1024)

struct plan plan;
struct sock_filter bpf[MAX_BPF];
char image[4100];

static uint8_t plan_buf[PLAN_MAX];
static size_t plan_len, plan_pos;

NORETURN void bad_plan(void)
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

void read_plan(int fd)
{
    while (plan_len < sizeof plan_buf) {
        long n = SYS4(SPT_SYS_pread64, fd, plan_buf + plan_len,
                sizeof plan_buf - plan_len, plan_len);
        if (n < 0)
            fatal("cannot read the launch plan", -n);
        if (n == 0)
            break;
        plan_len += (size_t)n;
    }
    if (plan_len == sizeof plan_buf)
        bad_plan();
    SYS1(SPT_SYS_close, fd);
}

static void parse_segments(void)
{
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
}

static void parse_fds(void)
{
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
}

static void parse_filter(void)
{
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
}

/* Sanity checks; the Java side has made sure of all of these. */
static void check_plan(void)
{
    if (plan.mem_size <= SPT_BOOT_INFO_BASE + plan.boot_info_len ||
            (plan.mem_size & 0xFFF) != 0 || plan.epoll_fd <= 2 ||
            plan.timer_fd <= 2 || plan.epoll_fd == plan.timer_fd ||
            plan.image_fd <= 2 || is_kept(plan.image_fd, 0))
        bad_plan();
    for (uint32_t i = 0; i < plan.n_keep; i++)
        if (plan.keep[i] < 0 || plan.keep[i] == plan.epoll_fd ||
                plan.keep[i] == plan.timer_fd)
            bad_plan();
}

void parse_plan(void)
{
    char name[128];

    if (take_u32() != PLAN_MAGIC || take_u32() != PLAN_VERSION)
        bad_plan();
    take_string(name, sizeof name);
    set_program_name(name);
    take_string(image, sizeof image);
    plan.image_fd = (int32_t)take_u32();
    plan.flags = take_u32();
    plan.epoll_fd = (int32_t)take_u32();
    plan.timer_fd = (int32_t)take_u32();
    plan.mem_size = take_u64();
    plan.entry = take_u64();
    parse_segments();
    parse_fds();

    plan.boot_info_len = take_u32();
    if (plan.boot_info_len > plan_len - plan_pos)
        bad_plan();
    plan.boot_info = plan_buf + plan_pos;
    plan_pos += plan.boot_info_len;

    parse_filter();
    if (take_u32() != PLAN_END || plan_pos != plan_len)
        bad_plan();
    check_plan();
}

/* Nothing of the plan stays behind in memory the guest can read. */
void forget_plan(void)
{
    memset(plan_buf, 0, sizeof plan_buf);
    memset(bpf, 0, sizeof bpf);
    memset(&plan, 0, sizeof plan);
}
