/*
 * log.c: leveled console logging for the runtime's own messages.
 */
#include "runtime.h"

static log_level_t current_level = LOG_INFO;

void log_set_level(log_level_t level)
{
    current_level = level;
}

int rt_log(log_level_t level, const char *fmt, ...)
{
    /* Kept small: this also runs on the trap stack. */
    char buf[320];
    va_list ap;
    int n;

    if (level > current_level)
        return 0;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return 0;
    if ((size_t)n >= sizeof buf) {
        static const char more[] = "(truncated)\n";
        platform_puts(buf, sizeof buf - 1);
        platform_puts(more, sizeof more - 1);
        return (int)sizeof buf - 1;
    }
    platform_puts(buf, (size_t)n);
    return n;
}

/* The start-up banner and the bindings version, at the info level. */
void rt_banner(void)
{
    rt_log(LOG_INFO, "            |      ___|\n");
    rt_log(LOG_INFO, "  __|  _ \\  |  _ \\ __ \\\n");
    rt_log(LOG_INFO, "\\__ \\ (   | | (   |  ) |\n");
    rt_log(LOG_INFO, "____/\\___/ _|\\___/____/\n");
    rt_log(LOG_INFO, "Solo5: Bindings version %s\n", RUNTIME_VERSION);
}
