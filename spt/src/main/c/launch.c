/*
 * launch.c: tender-spt-launch, the program the `tender spt` JVM replaces
 * itself with (execve) once the Java side has validated the image, the
 * options and the devices (docs/spt.md).
 *
 * argv[2] on are the arguments `tender spt` was given, there only so that ps
 * and pgrep show which image and options a process runs, as they do for
 * solo5-spt; nothing here reads them.
 *
 * argv[1] is a file descriptor holding the launch plan the Java side wrote
 * (dev.tender.spt.LaunchPlan): guest memory size, the image's file
 * descriptor (inherited: the file the Java side validated, never reopened by
 * path) and the ELF segments to load from it, the boot info bytes, the file
 * descriptors to keep, and the seccomp BPF program. This program:
 *
 *   1. maps guest memory at 0x10000 and loads the segments with their exact
 *      ELF protections, closes the image's descriptor, then writes the boot
 *      info at 0x11000;
 *   2. closes every file descriptor except stdout and the attached devices,
 *      creates the epoll set and the timerfd at the numbers the boot info
 *      names and registers the timer and the network devices;
 *   3. sets no_new_privs, installs the filter and jumps to the guest.
 *
 * It links no C library and is single-threaded: every system call it makes
 * is in its own sources, and after seccomp() it makes none. Any error is
 * reported as "<prog>: <message>" on stderr with exit status 1, like the
 * tender's other fatal errors.
 */
#include <linux/seccomp.h>
#include "launch.h"

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

static void refuse_read_implies_exec(void)
{
    long r = SYS1(SPT_SYS_personality, 0xffffffffL);

    if (r >= 0 && (r & READ_IMPLIES_EXEC))
        fatal("Cowardly refusing to run with a sys_personality of "
                "READ_IMPLIES_EXEC. Please report a bug, with details of "
                "your Linux distribution and GCC version", 0);
}

void launch_main(uint64_t *sp)
{
    long argc = (long)sp[0];
    char **argv = (char **)(sp + 1);
    uint64_t no_signals = 0;
    struct sock_fprog prog_desc;
    uint64_t mem_size, entry;
    int plan_fd;
    long r;

    /* The JVM thread that called execve() had signals blocked. */
    SYS4(SPT_SYS_rt_sigprocmask, SIG_SETMASK, &no_signals, 0,
            sizeof no_signals);
    plan_fd = argc >= 2 ? parse_fd(argv[1]) : -1;
    if (plan_fd < 0)
        bad_plan();
    if (argv[0] != NULL && argv[0][0] != '\0')
        SYS5(SPT_SYS_prctl, PR_SET_NAME, argv[0], 0, 0, 0);
    read_plan(plan_fd);
    parse_plan();
    refuse_read_implies_exec();

    map_guest_memory();
    load_segments();
    write_boot_info();

    close_others(1);
    setup_events();
    r = SYS5(SPT_SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (r < 0)
        fatal("prctl(PR_SET_NO_NEW_PRIVS) failed", -r);

    prog_desc.len = (unsigned short)plan.n_bpf;
    prog_desc.filter = bpf;
    mem_size = plan.mem_size;
    entry = plan.entry;
    /*
     * stderr is closed last, so that every error above is reported. Should
     * seccomp() itself fail now (it cannot for a valid program once
     * no_new_privs is set), the exit status 1 is all that is left.
     */
    if (!is_kept(2, 0))
        SYS1(SPT_SYS_close, 2);
    r = SYS3(SPT_SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog_desc);
    if (r < 0)
        fatal("seccomp(SECCOMP_SET_MODE_FILTER) failed", -r);

    forget_plan();
    enter_guest(mem_size, entry, SPT_BOOT_INFO_BASE);
}
