/*
 * abort.c: fatal errors and the stack protector. These paths print with
 * plain console writes (no formatting) and end in HALT(255).
 */
#include "runtime.h"

static void say(const char *s)
{
    platform_puts(s, strlen(s));
}

void rt_abort(const char *file, const char *line, const char *msg,
        void *cookie)
{
    say("Solo5: ABORT: ");
    say(file);
    say(":");
    say(line);
    say(": ");
    say(msg);
    say("\n");
    platform_exit(SOLO5_EXIT_ABORT, cookie);
}

void rt_assert_fail(const char *file, const char *line, const char *expr)
{
    say("Solo5: ABORT: ");
    say(file);
    say(":");
    say(line);
    say(": Assertion `");
    say(expr);
    say("' failed\n");
    platform_exit(SOLO5_EXIT_ABORT, NULL);
}

/*
 * With -mstack-protector-guard=global the compiler checks frames against
 * this word; _start seeds it before calling anything else.
 */
uintptr_t __stack_chk_guard;

void __stack_chk_fail(void) NORETURN;

void __stack_chk_fail(void)
{
    /* The terminating NUL is written too, as the reference runtime does. */
    static const char msg[] = "Solo5: ABORT: Stack corruption detected\n";

    platform_puts(msg, sizeof msg);
    platform_exit(SOLO5_EXIT_ABORT, NULL);
}

/* The console and exits, over the platform layer's puts and exit. */
void solo5_console_write(const char *buf, size_t size)
{
    platform_puts(buf, size);
}

void solo5_exit(int status)
{
    rt_log(LOG_INFO, "Solo5: solo5_exit(%d) called\n", status);
    platform_exit(status, NULL);
}

void solo5_abort(void)
{
    rt_log(LOG_INFO, "Solo5: solo5_abort() called\n");
    platform_exit(SOLO5_EXIT_ABORT, NULL);
}
