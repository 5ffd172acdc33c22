/*
 * report.c: fatal errors, reported as "<prog>: <message>[: <strerror>]" on
 * stderr with exit status 1, like the tender's other fatal errors. A
 * message is built in a static buffer (begin, put*) and written at once.
 */
#include "launch.h"

static char prog[128] = "tender-spt-launch";
static char msg[4608];
static size_t msg_len;

NORETURN void exit_group(int status)
{
    for (;;)
        SYS1(SPT_SYS_exit_group, status);
}

/* The name the Java side gave in the plan (truncated to fit). */
void set_program_name(const char *name)
{
    size_t i = 0;

    for (; name[i] != '\0' && i < sizeof prog - 1; i++)
        prog[i] = name[i];
    prog[i] = '\0';
}

void put(const char *s)
{
    while (*s != '\0' && msg_len < sizeof msg - 1)
        msg[msg_len++] = *s++;
}

void put_u(uint64_t v)
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

void put_i(long v)
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

void begin(void)
{
    msg_len = 0;
    put(prog);
    put(": ");
}

/* Ends the message (with ": <strerror>" when err > 0) and exits 1. */
NORETURN void fail(long err)
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
    SYS3(SPT_SYS_write, 2, msg, msg_len);
    exit_group(1);
}

NORETURN void fatal(const char *text, long err)
{
    begin();
    put(text);
    fail(err);
}
