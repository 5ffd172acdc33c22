/*
 * runtime.h: internal interfaces shared by the hvt and spt guest runtimes
 * (the files of this directory, and what each platform layer provides for
 * them). Nothing declared here is visible to applications (solo5_<target>.o
 * keeps only the solo5_*, _start and stack-protector symbols global). The
 * platform-only parts are in ../hvt/hvt.h and ../spt/spt.h.
 */
#ifndef RUNTIME_H
#define RUNTIME_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "solo5.h"
#include "mft_abi.h"
#include "guestlib.h"

#define RUNTIME_VERSION "tender-0.1.0"

#define PAGE_SIZE 0x1000UL
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((a) - 1))

#define NORETURN __attribute__((noreturn))

/* Logging (log.c). ERROR messages are always printed. */
typedef enum { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG } log_level_t;

void log_set_level(log_level_t level);
int rt_log(log_level_t level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Fatal errors (abort.c): "Solo5: ABORT: <file>:<line>: <message>". */
void rt_abort(const char *file, const char *line, const char *msg,
        void *cookie) NORETURN;
void rt_assert_fail(const char *file, const char *line, const char *expr)
    NORETURN;

#ifdef __FILE_NAME__
#define RT_FILE __FILE_NAME__
#else
#define RT_FILE __FILE__
#endif
#define RT_STR_(x) #x
#define RT_STR(x) RT_STR_(x)
#define PANIC(msg, cookie) rt_abort(RT_FILE, RT_STR(__LINE__), (msg), (cookie))
#define ASSERT(e) \
    do { if (!(e)) rt_assert_fail(RT_FILE, RT_STR(__LINE__), #e); } while (0)

/* Stack protector guard word (abort.c). */
extern uintptr_t __stack_chk_guard;

/* Platform (hvt/platform.c, spt/platform.c). */
uint64_t platform_mem_size(void);
uint64_t platform_cycle_freq(void);
const char *platform_cmdline(void);
void platform_puts(const char *buf, size_t len);
void platform_exit(int status, void *cookie) NORETURN;
int platform_set_tls_base(uintptr_t base);

/* Command line (cmdline.c): handles leading --solo5: words. */
const char *cmdline_parse(const char *cmdline);

/* Memory (mem.c). */
void mem_init(void);
void mem_heap(uintptr_t *start, size_t *size);

/* Manifest (mft.c): device lookup in the tender's copy. */
void mft_init(const struct mft *m);
const struct mft_entry *mft_by_name(const char *name, mft_type_t type,
        solo5_handle_t *index);
const struct mft_entry *mft_by_handle(solo5_handle_t handle, mft_type_t type);

/*
 * The cycle counter: the TSC on x86_64, the virtual counter CNTVCT_EL0 on
 * aarch64 (readable at EL0 too, so the spt runtime uses it as well). The
 * hvt tender reports its frequency in the boot info.
 */
static inline uint64_t cpu_cycles(void)
{
#if defined(__x86_64__)
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
#elif defined(__aarch64__)
    uint64_t v;

    __asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
    return v;
#else
#error "unsupported architecture"
#endif
}

/* Spin-loop hint. */
static inline void cpu_relax(void)
{
#if defined(__x86_64__)
    __asm__ __volatile__("pause" : : : "memory");
#else
    __asm__ __volatile__("yield" : : : "memory");
#endif
}

void rt_banner(void);

#endif /* RUNTIME_H */
