/*
 * http.c: the HTTP/1.1 server (see http.h). A connection keeps one request
 * buffer; a request is answered when its header is complete and the answer
 * to the one before it is acknowledged, so pipelined requests are answered
 * in order. The status line and headers are copied into the connection's
 * send buffer, a file's body is sent straight from the image.
 */
#include "http.h"
#include "embed.h"
#include "guestlib.h"

#define REQ_MAX 8192

struct client {
    uint8_t buf[REQ_MAX];
    size_t len;
    int closing;                    /* answer, then close */
};

static struct ns_tcp tcp;
static struct client clients[NS_TCP_CONNS];
static struct ns_iface *nif;
static int verbose;

static struct client *client_of(struct ns_tcp_conn *c)
{
    return &clients[ns_tcp_slot(nif, c)];
}

static const char *content_type(const char *name)
{
    static const char *const types[][2] = {
        { ".html", "text/html; charset=utf-8" }, { ".htm", "text/html; charset=utf-8" },
        { ".css", "text/css" }, { ".js", "text/javascript" }, { ".json", "application/json" },
        { ".txt", "text/plain; charset=utf-8" }, { ".svg", "image/svg+xml" }, { ".png", "image/png" },
        { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
        { ".ico", "image/x-icon" }, { ".xml", "application/xml" }, { ".wasm", "application/wasm" },
        { ".pdf", "application/pdf" },
    };
    size_t n = strlen(name);

    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t e = strlen(types[i][0]);
        if (n > e && strcmp(name + n - e, types[i][0]) == 0)
            return types[i][1];
    }
    return "application/octet-stream";
}

/* The embedded file named (name), by binary search (the table is sorted). */
static const struct tender_embed_file *find(const char *name)
{
    size_t lo = 0, hi = tender_embed_count;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = strcmp(tender_embed_files[mid].name, name);
        if (d == 0)
            return &tender_embed_files[mid];
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int hexval(uint8_t c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
        c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The request target as a file name: "/a/b?q" → "a/b", "/d/" → "d/index.html". 0, or -1 if unusable. */
static int target_name(const uint8_t *t, size_t n, char *out, size_t cap)
{
    size_t o = 0;

    if (n == 0 || t[0] != '/')
        return -1;
    for (size_t i = 1; i < n && t[i] != '?' && t[i] != '#'; i++) {
        uint8_t ch = t[i];
        if (ch == '%') {
            int hi = i + 2 < n ? hexval(t[i + 1]) : -1, lo = i + 2 < n ? hexval(t[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -1;
            ch = (uint8_t)(hi * 16 + lo);
            i += 2;
        }
        if (ch == 0 || o + 1 >= cap)
            return -1;
        out[o++] = (char)ch;
    }
    out[o] = 0;
    if (o == 0 || out[o - 1] == '/') {
        const char *idx = "index.html";
        if (o + strlen(idx) + 1 > cap)
            return -1;
        strcpy(out + o, idx);
    }
    return 0;
}

/* The value of header (name) in the header block (h, n), or NULL; (*len) its length. */
static const uint8_t *header(const uint8_t *h, size_t n, const char *name, size_t *len)
{
    size_t k = strlen(name);

    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e + 1 < n && !(h[e] == '\r' && h[e + 1] == '\n'))
            e++;
        if (e - i > k && h[i + k] == ':') {
            size_t j = 0;
            while (j < k && (h[i + j] | 0x20) == (name[j] | 0x20))
                j++;
            if (j == k) {
                size_t v = i + k + 1;
                while (v < e && (h[v] == ' ' || h[v] == '\t'))
                    v++;
                *len = e - v;
                while (*len > 0 && (h[v + *len - 1] == ' ' || h[v + *len - 1] == '\t'))
                    (*len)--;
                return h + v;
            }
        }
        i = e + 2;
    }
    return NULL;
}

static int value_is(const uint8_t *v, size_t n, const char *s)
{
    size_t k = strlen(s);
    size_t i = 0;

    if (v == NULL || n != k)
        return 0;
    while (i < k && (v[i] | 0x20) == (s[i] | 0x20))
        i++;
    return i == k;
}

static void respond(struct ns_tcp_conn *c, const char *status, const struct tender_embed_file *f,
        const char *type, const uint8_t *body, uint64_t body_len, int send_body, solo5_time_t now)
{
    struct client *cl = client_of(c);
    char head[512];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %s\r\nServer: tender-www\r\nContent-Type: %s\r\n"
            "Content-Length: %llu\r\n%s%s%s%sConnection: %s\r\n\r\n", status, type,
            (unsigned long long)body_len, f ? "ETag: " : "", f ? f->etag : "", f ? "\r\n" : "",
            status[0] == '4' && status[2] == '5' ? "Allow: GET, HEAD\r\n" : "",
            cl->closing ? "close" : "keep-alive");

    ns_tcp_send_copy(nif, c, (const uint8_t *)head, (size_t)n, now);
    if (send_body && body_len > 0)
        ns_tcp_send(nif, c, body, body_len, now);
    if (cl->closing)
        ns_tcp_close(nif, c, now);
}

static void error(struct ns_tcp_conn *c, const char *status, const char *text, int is_head, solo5_time_t now)
{
    respond(c, status, NULL, "text/plain; charset=utf-8", (const uint8_t *)text, strlen(text), !is_head, now);
}

/* Answers the first request in the buffer if it is complete; 1 if it did. */
static int serve_one(struct ns_tcp_conn *c, solo5_time_t now)
{
    struct client *cl = client_of(c);
    const uint8_t *b = cl->buf;
    size_t end = 0, sp1 = 0, sp2 = 0, line, vlen;
    const uint8_t *v;
    char name[256];
    int is_head, is_get;

    for (size_t i = 0; i + 3 < cl->len && end == 0; i++)
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n')
            end = i + 4;
    if (end == 0) {
        if (cl->len == REQ_MAX) {
            cl->closing = 1;
            error(c, "431 Request Header Fields Too Large", "request header too large\n", 0, now);
            cl->len = 0;
        }
        return 0;
    }
    for (line = 0; line + 1 < end && !(b[line] == '\r' && b[line + 1] == '\n'); line++)
        ;
    for (size_t i = 0; i < line; i++)
        if (b[i] == ' ') {
            if (sp1 == 0)
                sp1 = i;
            else if (sp2 == 0)
                sp2 = i;
        }
    is_get = sp1 == 3 && memcmp(b, "GET", 3) == 0;
    is_head = sp1 == 4 && memcmp(b, "HEAD", 4) == 0;
    if (sp1 == 0 || sp2 == 0 || line - sp2 - 1 != 8 || memcmp(b + sp2 + 1, "HTTP/1.", 7) != 0) {
        cl->closing = 1;
        error(c, "400 Bad Request", "bad request\n", 0, now);
    } else {
        int http10 = b[sp2 + 8] == '0';
        v = header(b + line + 2, end - line - 2, "Connection", &vlen);
        if (value_is(v, vlen, "close") || (http10 && !value_is(v, vlen, "keep-alive")))
            cl->closing = 1;
        if (header(b + line + 2, end - line - 2, "Content-Length", &vlen) != NULL ||
                header(b + line + 2, end - line - 2, "Transfer-Encoding", &vlen) != NULL)
            cl->closing = 1;                /* a body we do not read: no second request after it */
        if (!is_get && !is_head) {
            cl->closing = 1;
            error(c, "405 Method Not Allowed", "only GET and HEAD\n", 0, now);
        } else if (!http10 && header(b + line + 2, end - line - 2, "Host", &vlen) == NULL) {
            cl->closing = 1;
            error(c, "400 Bad Request", "no Host header\n", is_head, now);
        } else if (sp2 - sp1 - 1 > sizeof name - 16 ||
                target_name(b + sp1 + 1, sp2 - sp1 - 1, name, sizeof name) != 0) {
            error(c, "400 Bad Request", "bad request target\n", is_head, now);
        } else {
            const struct tender_embed_file *f = find(name);
            v = header(b + line + 2, end - line - 2, "If-None-Match", &vlen);
            if (f == NULL) {
                error(c, "404 Not Found", "not found\n", is_head, now);
            } else if (v != NULL && ((vlen == strlen(f->etag) && memcmp(v, f->etag, vlen) == 0) ||
                    (vlen == 1 && v[0] == '*'))) {
                respond(c, "304 Not Modified", f, content_type(name), f->data, f->size, 0, now);
            } else {
                respond(c, "200 OK", f, content_type(name), f->data, f->size, is_get, now);
            }
            if (verbose)
                printf("www: %s /%s\n", is_head ? "HEAD" : "GET", name);
        }
    }
    memmove(cl->buf, cl->buf + end, cl->len - end);
    cl->len -= end;
    return 1;
}

static void serve(struct ns_tcp_conn *c, solo5_time_t now)
{
    int was_full = client_of(c)->len == REQ_MAX;

    while (c->state != NS_TCP_FREE && !client_of(c)->closing && ns_tcp_pending(c) == 0 && serve_one(c, now))
        ;
    if (was_full && c->state != NS_TCP_FREE && client_of(c)->len < REQ_MAX)
        ns_tcp_ack(nif, c);                 /* the window opened again: say so */
}

static size_t received(struct ns_tcp_conn *c, const uint8_t *data, size_t len)
{
    struct client *cl = client_of(c);
    size_t room = REQ_MAX - cl->len, n = len < room ? len : room;

    if (cl->closing)
        return len;                         /* discarded: the connection is closing */
    memcpy(cl->buf + cl->len, data, n);
    cl->len += n;
    serve(c, solo5_clock_monotonic());
    return n;
}

static void sent(struct ns_tcp_conn *c)
{
    serve(c, solo5_clock_monotonic());
}

static void peer_closed(struct ns_tcp_conn *c)
{
    client_of(c)->closing = 1;
    ns_tcp_close(nif, c, solo5_clock_monotonic());
}

static void gone(struct ns_tcp_conn *c)
{
    struct client *cl = client_of(c);

    cl->len = 0;
    cl->closing = 0;
}

static size_t room(struct ns_tcp_conn *c)
{
    return REQ_MAX - client_of(c)->len;
}

static const struct ns_tcp_handler handler = {
    .received = received, .sent = sent, .peer_closed = peer_closed, .gone = gone, .room = room,
};

void http_start(struct ns_iface *n, uint16_t port, int v, uint64_t seed)
{
    nif = n;
    verbose = v;
    ns_tcp_listen(nif, &tcp, port, &handler, seed);
}
