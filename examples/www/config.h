/*
 * config.h: the web server's command line.
 *
 *   www --ipv4=ADDRESS/PREFIX [--ipv4-gateway=ADDRESS] [--port=N] [--verbose]
 */
#ifndef WWW_CONFIG_H
#define WWW_CONFIG_H

#include "netstack.h"

struct config {
    uint32_t ip, mask, gateway;
    int prefix;
    uint16_t port;
    int verbose;
};

/* 0, or -1 after printing what is wrong. */
int config_parse(const char *cmdline, struct config *cfg);

#endif /* WWW_CONFIG_H */
