/*
 * test_net_ring: data integrity of the network path (on hvt: ring I/O when
 * the tender offers it). An echo responder on 10.0.0.2 ("service0") like
 * test_net, which also checks every echo request it receives: the ICMP
 * checksum must be right, and after the 8-byte ICMP header and the 16-byte
 * timestamp that ping(8) puts first, the data must be the repeating
 * pattern de ad be ef, in phase (ping -p deadbeef).
 *
 * After 10000 good requests (each answered) it prints "Verified 10000
 * packets, 0 corrupted" and SUCCESS. The first bad one prints "CORRUPT:
 * packet N ..." and FAILURE, and the test returns 1.
 *
 * Command line: empty or "v..." (verbose: log every ARP request and ping).
 */
#include "../common/netecho.h"

#define TARGET_PACKETS 10000UL
#define TIMESTAMP_LEN 16
#define MAX_BURST 1024

static const uint8_t pattern[4] = { 0xde, 0xad, 0xbe, 0xef };

static struct echo_if nif = {
    .name = "service0",
    .ip = { 10, 0, 0, 2 },
    .bcast = { 10, 0, 0, 255 },
    .ip_text = "10.0.0.2",
};

static uint8_t frame[65536 + ETH_HLEN];
static unsigned long n_good;
static int opt_verbose;

/* 0 if the echo request in (f) carries the expected data. */
static int check_request(uint8_t *f)
{
    struct ping_view v;
    unsigned long n = n_good + 1;

    ping_view(f, &v);
    if (inet_checksum(v.icmp, v.icmp_len) != 0) {
        printf("CORRUPT: packet %lu has a bad ICMP checksum\n", n);
        return -1;
    }
    /* Four bytes at a time; on a difference, find the byte. */
    size_t i = ICMP_HLEN + TIMESTAMP_LEN;
    while (i + 4 <= v.icmp_len && ld32(v.icmp + i) == ld32(pattern))
        i += 4;
    for (; i < v.icmp_len; i++) {
        uint8_t want = pattern[(i - ICMP_HLEN - TIMESTAMP_LEN) % 4];
        if (v.icmp[i] != want) {
            printf("CORRUPT: packet %lu payload mismatch at byte %lu "
                    "(expected 0x%02x, got 0x%02x)\n", n, (unsigned long)i,
                    want, v.icmp[i]);
            return -1;
        }
    }
    return 0;
}

/* 1: target reached, 0: device drained, -1: failure. */
static int serve(void)
{
    for (int i = 0; i < MAX_BURST; i++) {
        size_t len = 0, out;
        solo5_result_t r;

        r = solo5_net_read(nif.handle, frame, echo_frame_size(&nif), &len);
        if (r == SOLO5_R_AGAIN)
            return 0;
        if (r != SOLO5_R_OK) {
            if_log(&nif, "Read error");
            return -1;
        }
        switch (echo_classify(&nif, frame, len)) {
        case ECHO_ARP_REQUEST:
            out = echo_arp_reply(&nif, frame);
            if (opt_verbose)
                if_log(&nif, "Received arp request, sending reply");
            break;
        case ECHO_PING_REQUEST:
            if (check_request(frame) != 0)
                return -1;
            out = echo_ping_reply(&nif, frame);
            n_good++;
            if (opt_verbose)
                if_log(&nif, "Received ping, sending reply");
            break;
        default:
            continue;
        }
        if (solo5_net_write(nif.handle, frame, out) != SOLO5_R_OK) {
            if_log(&nif, "Write error");
            return -1;
        }
        if (n_good >= TARGET_PACKETS)
            return 1;
    }
    return 0;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *arg = si->cmdline;
    int r = 0;

    putstr("\n**** tender standalone test_net_ring ****\n\n");

    while (isspace((unsigned char)*arg))
        arg++;
    if (*arg == 'v') {
        opt_verbose = 1;
    } else if (*arg != '\0') {
        putstr("Error in command line.\n");
        putstr("Usage: test_net_ring [ verbose ]\n");
        return SOLO5_EXIT_FAILURE;
    }

    if (echo_acquire(&nif) != 0 || echo_announce(&nif) != 0) {
        putstr("FAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }
    printf("Verifying echo request payloads (pattern deadbeef), "
            "target %lu packets\n", TARGET_PACKETS);

    while (r == 0) {
        solo5_handle_set_t ready = 0;

        solo5_yield(solo5_clock_monotonic() + NSEC_PER_SEC, &ready);
        if ((ready & (1ULL << nif.handle)) != 0)
            r = serve();
    }
    if (r < 0) {
        putstr("FAILURE\n");
        return SOLO5_EXIT_FAILURE;
    }
    printf("Verified %lu packets, 0 corrupted\n", n_good);
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
