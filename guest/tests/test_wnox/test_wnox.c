/*
 * test_wnox (spt only): data must not be executable. The code below sits in
 * .data (a single "ret"), which the host maps without PROT_EXEC, so the call
 * ends the run with SIGSEGV (status 139).
 */
#include "solo5.h"
#include "guestlib.h"

static uint8_t code_in_data[16]
    __attribute__((aligned(16), section(".data"))) = { 0xC3 };

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    void (*fn)(void);

    putstr("\n**** tender standalone test_wnox ****\n\n");

    fn = (void (*)(void))(uintptr_t)code_in_data;
    __asm__ __volatile__("" : "+r"(fn));
    fn();

    putstr("FAILURE: executed code in .data\n");
    return SOLO5_EXIT_FAILURE;
}
