/*
 * config.c: parsing the resolver's command line (see config.h) and checking
 * that the addresses make sense together.
 */
#include "config.h"

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void usage(void)
{
    putstr("usage: resolver --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS]\n"
            "                --upstream=ADDRESS[:PORT] [--max-ttl=SECONDS]"
            " [--verbose]\n");
}

static int bad_arg(const char *arg, const char *why)
{
    printf("resolver: %s: %s\n", arg, why);
    usage();
    return -1;
}

static int parse_arg(struct config *cfg, const char *a)
{
    const char *v;
    unsigned long n;

    if (starts_with(a, "--ipv4=")) {
        v = ns_ip_parse(a + 7, &cfg->ip);
        if (v == NULL || *v++ != '/' || (v = parse_decimal(v, 32, &n)) == NULL ||
                *v != '\0' || n == 0)
            return bad_arg(a, "expected ADDRESS/PREFIX, e.g. 10.0.0.2/24");
        cfg->prefix = (int)n;
        cfg->mask = n == 32 ? 0xffffffffU : ~(0xffffffffU >> n);
    } else if (starts_with(a, "--ipv4-gateway=")) {
        v = ns_ip_parse(a + 15, &cfg->gateway);
        if (v == NULL || *v != '\0')
            return bad_arg(a, "expected an IPv4 address");
    } else if (starts_with(a, "--upstream=")) {
        v = ns_ip_parse(a + 11, &cfg->upstream);
        cfg->upstream_port = DNS_PORT;
        if (v != NULL && *v == ':') {
            v = parse_decimal(v + 1, 65535, &n);
            if (v != NULL && n == 0)
                v = NULL;
            cfg->upstream_port = (uint16_t)n;
        }
        if (v == NULL || *v != '\0')
            return bad_arg(a, "expected ADDRESS or ADDRESS:PORT");
    } else if (starts_with(a, "--max-ttl=")) {
        v = parse_decimal(a + 10, 604800, &n);
        if (v == NULL || *v != '\0' || n == 0)
            return bad_arg(a, "expected 1 to 604800 seconds");
        cfg->max_ttl = (uint32_t)n;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
        cfg->verbose = 1;
    } else {
        return bad_arg(a, "unknown argument");
    }
    return 0;
}

int config_parse(const char *s, struct config *cfg)
{
    char arg[128];

    cfg->max_ttl = DEFAULT_MAX_TTL;
    for (;;) {
        size_t n = 0;

        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0')
            break;
        while (*s != '\0' && !isspace((unsigned char)*s)) {
            if (n + 1 >= sizeof arg)
                return bad_arg("(argument)", "too long");
            arg[n++] = *s++;
        }
        arg[n] = '\0';
        if (parse_arg(cfg, arg) != 0)
            return -1;
    }
    if (cfg->ip == 0 || cfg->upstream == 0) {
        putstr("resolver: --ipv4 and --upstream are required\n");
        usage();
        return -1;
    }
    if (cfg->gateway != 0 && ((cfg->gateway ^ cfg->ip) & cfg->mask) != 0) {
        putstr("resolver: the gateway is not in the --ipv4 subnet\n");
        return -1;
    }
    if (cfg->upstream == cfg->ip ||
            (cfg->gateway != 0 && cfg->gateway == cfg->ip)) {
        putstr("resolver: the upstream and gateway must be other hosts\n");
        return -1;
    }
    if (((cfg->upstream ^ cfg->ip) & cfg->mask) == 0)
        cfg->nexthop = cfg->upstream;       /* on the link */
    else if (cfg->gateway != 0)
        cfg->nexthop = cfg->gateway;
    else {
        putstr("resolver: the upstream is not on the link: "
                "--ipv4-gateway is needed\n");
        return -1;
    }
    return 0;
}
