/*
 * test_net_mtu: acquires the NET device "service0" and prints its MTU (the
 * tender reads it from the host interface; the test suite expects 9000).
 * Command line: empty or "v..." (verbose: also print the MAC address).
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *arg = si->cmdline;
    struct solo5_net_info info;
    solo5_handle_t handle;
    int verbose = 0;

    putstr("\n**** tender standalone test_net_mtu ****\n\n");

    while (isspace((unsigned char)*arg))
        arg++;
    if (*arg == 'v') {
        verbose = 1;
    } else if (*arg != '\0') {
        putstr("Error in command line.\n");
        putstr("Usage: test_net_mtu [ verbose ]\n");
        return SOLO5_EXIT_FAILURE;
    }

    if (solo5_net_acquire("service0", &handle, &info) != SOLO5_R_OK) {
        putstr("Could not acquire 'service0' network\n");
        putstr("FAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }
    if (verbose) {
        const uint8_t *m = info.mac_address;
        printf("MAC is %02x:%02x:%02x:%02x:%02x:%02x\n",
                m[0], m[1], m[2], m[3], m[4], m[5]);
    }
    printf("MTU is %lu\n", (unsigned long)info.mtu);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
