/*
 * forward.h: the resolver's query handling. A client query is answered
 * from the cache or forwarded to the upstream, with a random ID and source
 * port; the upstream's answer goes back to the client and, when it may be
 * cached, into the cache. A query the upstream does not answer is sent
 * again, and after MAX_TRIES tries answered with SERVFAIL. While the next
 * hop's MAC address is unknown, forwarded queries wait for its ARP reply.
 */
#ifndef RESOLVER_FORWARD_H
#define RESOLVER_FORWARD_H

#include "config.h"
#include "console.h"
#include "netstack.h"

/* What the forwarder works with; both outlive it. */
void forward_init(const struct config *cfg, struct ns_iface *nif);

/* A UDP datagram for us: a client query or an upstream answer. */
void forward_udp(const struct ns_udp *u, solo5_time_t now);

/* An address became known (the next hop's, perhaps): send what waited for it. */
void forward_nexthop_known(solo5_time_t now);

/* Retries, time-outs, ARP refresh; returns the next deadline. */
solo5_time_t forward_timers(solo5_time_t now);

/* Ask for the next hop's MAC address, at most twice a second. */
void forward_ask_nexthop(solo5_time_t now);

/* The counters so far. */
const struct stats *forward_stats(void);

#endif /* RESOLVER_FORWARD_H */
