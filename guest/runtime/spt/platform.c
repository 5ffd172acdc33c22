/*
 * platform.c (spt): boot information, console output and exit, a system
 * call each. Setting the TLS base differs by architecture:
 * ARCH/tls_base_ARCH.c.
 */
#include "spt.h"

static uint64_t mem_size;
static const char *cmdline;
static int epollfd = -1;
static int timerfd = -1;

void spt_platform_init(const struct spt_boot_info *bi)
{
    mem_size = bi->mem_size;
    cmdline = (const char *)(uintptr_t)bi->cmdline;
    epollfd = bi->epollfd;
    timerfd = bi->timerfd;
    mft_init((const struct mft *)(uintptr_t)bi->mft);
}

uint64_t platform_mem_size(void)
{
    return mem_size;
}

const char *platform_cmdline(void)
{
    return cmdline;
}

int spt_epollfd(void)
{
    return epollfd;
}

int spt_timerfd(void)
{
    return timerfd;
}

/* Best effort, as upstream: the result is ignored. */
void platform_puts(const char *buf, size_t len)
{
    (void)spt_syscall3(SPT_SYS_write, 1, (long)(uintptr_t)buf, (long)len);
}

void platform_exit(int status, void *cookie)
{
    (void)cookie;
    for (;;)
        (void)spt_syscall3(SPT_SYS_exit_group, status, 0, 0);
}
