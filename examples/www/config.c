/*
 * config.c: parsing the web server's command line (see config.h).
 */
#include "config.h"
#include "guestlib.h"

static int bad(const char *arg, const char *why)
{
    printf("www: %s: %s\n", arg, why);
    putstr("usage: www --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS]"
            " [--port=N] [--verbose]\n");
    return -1;
}

static int one(const char *a, size_t n, struct config *cfg)
{
    char arg[96];
    const char *v;
    unsigned long x;

    if (n >= sizeof arg)
        return bad("argument", "too long");
    memcpy(arg, a, n);
    arg[n] = 0;
    if (strncmp(arg, "--ipv4=", 7) == 0) {
        v = ns_ip_parse(arg + 7, &cfg->ip);
        if (v == NULL || *v != '/' || (v = parse_decimal(v + 1, 30, &x)) == NULL || *v != 0 || x == 0)
            return bad(arg, "expected ADDRESS/PREFIX, prefix 1-30");
        cfg->prefix = (int)x;
        cfg->mask = 0xffffffffU << (32 - x);
    } else if (strncmp(arg, "--ipv4-gateway=", 15) == 0) {
        v = ns_ip_parse(arg + 15, &cfg->gateway);
        if (v == NULL || *v != 0)
            return bad(arg, "expected an IPv4 address");
    } else if (strncmp(arg, "--port=", 7) == 0) {
        v = parse_decimal(arg + 7, 65535, &x);
        if (v == NULL || *v != 0 || x == 0)
            return bad(arg, "expected a port, 1-65535");
        cfg->port = (uint16_t)x;
    } else if (strcmp(arg, "--verbose") == 0) {
        cfg->verbose = 1;
    } else {
        return bad(arg, "unknown argument");
    }
    return 0;
}

int config_parse(const char *cmdline, struct config *cfg)
{
    const char *s = cmdline;

    memset(cfg, 0, sizeof *cfg);
    cfg->port = 80;
    while (*s != 0) {
        const char *start;
        while (*s == ' ')
            s++;
        start = s;
        while (*s != 0 && *s != ' ')
            s++;
        if (s > start && one(start, (size_t)(s - start), cfg) != 0)
            return -1;
    }
    if (cfg->ip == 0)
        return bad("--ipv4", "is required");
    if (cfg->gateway != 0 && ((cfg->gateway ^ cfg->ip) & cfg->mask) != 0)
        return bad("--ipv4-gateway", "is not in the --ipv4 subnet");
    return 0;
}
