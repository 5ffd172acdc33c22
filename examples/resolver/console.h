/*
 * console.h: what the resolver prints while it serves: one line per query
 * with --verbose, and the statistics line.
 */
#ifndef RESOLVER_CONSOLE_H
#define RESOLVER_CONSOLE_H

#include "dns.h"

/* The counters the statistics line reports. */
struct stats {
    unsigned long queries, hits, forwarded, errors, timeouts, ignored;
};

/* Whether log_query() prints (--verbose). */
void console_set_verbose(int on);

/* "resolver: CLIENT NAME TYPE: WHAT" (only with --verbose). */
void log_query(uint32_t client, const struct dns_query *q, const char *what);

/* The statistics line, unless nothing happened since the last one. */
void log_stats(const struct stats *st, solo5_time_t now);

#endif /* RESOLVER_CONSOLE_H */
