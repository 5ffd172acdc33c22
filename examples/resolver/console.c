/*
 * console.c: the resolver's per-query and statistics lines (console.h).
 */
#include "console.h"
#include "cache.h"
#include "netstack.h"

static int verbose;
static struct stats st_logged;          /* as of the last statistics line */

void console_set_verbose(int on)
{
    verbose = on;
}

static const char *type_name(uint16_t t, char *buf)
{
    switch (t) {
    case 1: return "A";
    case 2: return "NS";
    case 5: return "CNAME";
    case 6: return "SOA";
    case 12: return "PTR";
    case 15: return "MX";
    case 16: return "TXT";
    case 28: return "AAAA";
    case 33: return "SRV";
    case 255: return "ANY";
    default:
        snprintf(buf, 12, "TYPE%u", t);
        return buf;
    }
}

void log_query(uint32_t client, const struct dns_query *q,
        const char *what)
{
    char ip[16], name[128], tbuf[12];

    if (!verbose)
        return;
    ns_ip_text(ip, client);
    if (q->qlen != 0)
        dns_name_to_text(name, sizeof name, q);
    else
        strcpy(name, "-");
    printf("resolver: %s %s %s: %s\n", ip, name,
            q->qlen != 0 ? type_name(q->qtype, tbuf) : "-", what);
}

void log_stats(const struct stats *st, solo5_time_t now)
{
    if (st->queries == st_logged.queries &&
            st->timeouts == st_logged.timeouts)
        return;
    printf("resolver: %lu queries, %lu from cache, %lu forwarded, "
            "%lu errors, %lu timeouts, %lu packets ignored, %u cached\n",
            st->queries, st->hits, st->forwarded, st->errors, st->timeouts,
            st->ignored, cache_count(now));
    st_logged = *st;
}
