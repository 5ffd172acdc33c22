/*
 * fuzz_no_fatal.c: the fatal mode of test_fuzz is x86_64 only (it issues port
 * I/O that is not a hypercall); on aarch64 the image has the calls mode alone.
 */
#include "../test_fuzz/fuzz_hvt.h"

void fuzz_fatal(void)
{
    printf("FUZZ fatal mode is not built for this architecture\n");
    solo5_exit(2);
}
