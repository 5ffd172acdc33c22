/*
 * dns_wire.h: the DNS header layout (RFC 1035 section 4.1.1) and record
 * types that the resolver's DNS files share, and the OPT record they add.
 * Private to dns_query.c and dns_response.c; the rest of the resolver uses
 * dns.h.
 */
#ifndef RESOLVER_DNS_WIRE_H
#define RESOLVER_DNS_WIRE_H

#include "dns.h"

#define H_ID            0
#define H_FLAGS         2
#define H_QDCOUNT       4
#define H_ANCOUNT       6
#define H_NSCOUNT       8
#define H_ARCOUNT       10

#define F0_QR           0x80
#define F0_OPCODE       0x78
#define F0_AA           0x04
#define F0_TC           0x02
#define F0_RD           0x01
#define F1_RA           0x80
#define F1_CD           0x10
#define F1_RCODE        0x0f

#define TYPE_SOA        6
#define TYPE_IXFR       251
#define TYPE_AXFR       252
#define TYPE_MAILB      253
#define TYPE_MAILA      254

/* Write our OPT record (RFC 6891) at (p); returns its length. */
size_t dns_put_opt(uint8_t *p, int ext_rcode);

#endif /* RESOLVER_DNS_WIRE_H */
