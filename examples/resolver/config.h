/*
 * config.h: the resolver's command line.
 *
 *   --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS]
 *   --upstream=ADDRESS[:PORT] [--max-ttl=SECONDS] [--verbose]
 */
#ifndef RESOLVER_CONFIG_H
#define RESOLVER_CONFIG_H

#include "util.h"

#define DNS_PORT        53
#define DEFAULT_MAX_TTL 86400

/* Addresses in host byte order. */
struct config {
    uint32_t ip;
    uint32_t mask;
    int prefix;
    uint32_t gateway;               /* 0: none */
    uint32_t upstream;
    uint16_t upstream_port;
    uint32_t max_ttl;
    int verbose;
    uint32_t nexthop;               /* the upstream itself, or the gateway */
};

/*
 * Parse the command line into (cfg), which starts zeroed. Returns 0, or -1
 * after printing what is wrong (and the usage, for a bad argument).
 */
int config_parse(const char *cmdline, struct config *cfg);

#endif /* RESOLVER_CONFIG_H */
