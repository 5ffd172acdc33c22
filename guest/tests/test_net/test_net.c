/*
 * test_net: ARP and ICMP echo responder on 10.0.0.2 for the NET device
 * "service0". Announces itself with a gratuitous ARP, then answers ARP
 * requests for its address and ICMP echo requests sent to its address, to
 * the subnet broadcast or to 255.255.255.255.
 *
 * Command line: empty, "v..." (verbose: log every ARP request and ping) or
 * "l..." (limit: stop after 100000 echo requests, then print SUCCESS and
 * return 0). "limit N" stops after N echo requests instead (tender's own
 * tests use it to keep runs short). Anything else prints the usage and
 * returns 1.
 *
 * test_net_2if.c includes this file with NET_TWO_INTERFACES defined: the
 * same program, also serving 10.1.0.2 on "service1"; the limit then counts
 * the echo requests of both interfaces together.
 */
#include "../common/netecho.h"

#ifdef NET_TWO_INTERFACES
#define TEST_NAME "test_net_2if"
#define N_IFS 2
#else
#define TEST_NAME "test_net"
#define N_IFS 1
#endif

#define PING_LIMIT 100000UL
static unsigned long ping_limit = PING_LIMIT;
/* Reads per device and wake-up; in practice the device runs dry first. */
#define MAX_BURST 1024

static struct echo_if ifs[N_IFS] = {
    {
        .name = "service0",
        .ip = { 10, 0, 0, 2 },
        .bcast = { 10, 0, 0, 255 },
        .ip_text = "10.0.0.2",
    },
#if N_IFS > 1
    {
        .name = "service1",
        .ip = { 10, 1, 0, 2 },
        .bcast = { 10, 1, 0, 255 },
        .ip_text = "10.1.0.2",
    },
#endif
};

/* The manifest's MTU is 16 bits wide, so any frame fits. */
static uint8_t frame[65536 + ETH_HLEN];
static unsigned long n_pings;
static int opt_verbose, opt_limit;

/* Answer everything that is queued on (nif). Returns -1 on an I/O error. */
static int serve(const struct echo_if *nif)
{
    for (int i = 0; i < MAX_BURST; i++) {
        size_t len = 0, out;
        solo5_result_t r;

        r = solo5_net_read(nif->handle, frame, echo_frame_size(nif), &len);
        if (r == SOLO5_R_AGAIN)
            return 0;
        if (r != SOLO5_R_OK) {
            if_log(nif, "Read error");
            return -1;
        }
        switch (echo_classify(nif, frame, len)) {
        case ECHO_ARP_REQUEST:
            out = echo_arp_reply(nif, frame);
            if (opt_verbose)
                if_log(nif, "Received arp request, sending reply");
            break;
        case ECHO_PING_REQUEST:
            out = echo_ping_reply(nif, frame);
            n_pings++;
            if (opt_verbose)
                if_log(nif, "Received ping, sending reply");
            break;
        default:
            if (opt_verbose)
                if_log(nif, "Unknown or unsupported packet, dropped");
            continue;
        }
        if (solo5_net_write(nif->handle, frame, out) != SOLO5_R_OK) {
            if_log(nif, "Write error");
            return -1;
        }
    }
    return 0;
}

static int ping_serve(void)
{
    for (int i = 0; i < N_IFS; i++) {
        if (echo_acquire(&ifs[i]) != 0)
            return -1;
    }
    for (int i = 0; i < N_IFS; i++) {
        if (echo_announce(&ifs[i]) != 0)
            return -1;
    }

    for (;;) {
        solo5_handle_set_t ready = 0;

        solo5_yield(solo5_clock_monotonic() + NSEC_PER_SEC, &ready);
        for (int i = 0; i < N_IFS; i++) {
            if ((ready & (1ULL << ifs[i].handle)) != 0 &&
                    serve(&ifs[i]) != 0)
                return -1;
        }
        if (opt_limit && n_pings >= ping_limit) {
            putstr("Limit reached, exiting\n");
            return 0;
        }
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *arg = si->cmdline;

    putstr("\n**** tender standalone " TEST_NAME " ****\n\n");

    while (isspace((unsigned char)*arg))
        arg++;
    switch (*arg) {
    case '\0':
        break;
    case 'v':
        opt_verbose = 1;
        break;
    case 'l':
        opt_limit = 1;
        while (*arg != '\0' && !isspace((unsigned char)*arg))
            arg++;
        while (isspace((unsigned char)*arg))
            arg++;
        if (*arg >= '1' && *arg <= '9') {
            ping_limit = 0;
            while (*arg >= '0' && *arg <= '9')
                ping_limit = ping_limit * 10 + (unsigned long)(*arg++ - '0');
        }
        break;
    default:
        putstr("Error in command line.\n");
        putstr("Usage: " TEST_NAME " [ verbose | limit ]\n");
        return SOLO5_EXIT_FAILURE;
    }

    if (ping_serve() != 0) {
        putstr("FAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
