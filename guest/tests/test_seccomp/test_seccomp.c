/*
 * test_seccomp (spt only): a raw dup(1) system call, which the spt seccomp
 * filter does not allow, so the tender process dies of SIGSYS (status 159).
 */
#include "solo5.h"
#include "guestlib.h"
#include "../../runtime/spt/spt_syscall.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    long ret;

    putstr("\n**** tender standalone test_seccomp ****\n\n");

    ret = spt_syscall1(SPT_SYS_dup, 1);

    printf("FAILURE: dup(1) returned %ld\n", ret);
    return SOLO5_EXIT_FAILURE;
}
