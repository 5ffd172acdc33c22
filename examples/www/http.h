/*
 * http.h: HTTP/1.1 over netstack's TCP: GET and HEAD of the embedded files,
 * keep-alive, ETag / If-None-Match, 400, 404, 405, 414 and 431.
 */
#ifndef WWW_HTTP_H
#define WWW_HTTP_H

#include "netstack.h"

/* Starts serving on (port) of (nif). */
void http_start(struct ns_iface *nif, uint16_t port, int verbose, uint64_t seed);

#endif /* WWW_HTTP_H */
