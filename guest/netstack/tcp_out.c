/*
 * tcp_out.c: TCP's sending side: segments, the send queue, congestion and
 * the retransmission timer, closing, and the connection table's timers.
 * The receiving side is tcp_in.c.
 */
#include "ns_wire.h"

#define RTO_MIN     (NS_NSEC_PER_SEC / 5)
#define RTO_MAX     (10 * NS_NSEC_PER_SEC)
#define RTO_INIT    NS_NSEC_PER_SEC
#define WINDOW_DEFAULT 8192

static uint8_t tx[NS_ETH_HLEN + NS_IP_HLEN + TCP_HLEN + 4 + 1500];

void ns_tcp_listen(struct ns_iface *nif, struct ns_tcp *t, uint16_t port,
        const struct ns_tcp_handler *h, uint64_t seed)
{
    __builtin_memset(t, 0, sizeof *t);
    t->port = port;
    t->h = h;
    t->isn_state = seed;
    nif->tcp = t;
}

static size_t window(struct ns_tcp *t, struct ns_tcp_conn *c)
{
    size_t w = t->h->room != NULL ? t->h->room(c) : WINDOW_DEFAULT;

    return w > 65535 ? 65535 : w;
}

/* Copies (len) queued bytes from (off) past snd_una into (dst). */
static void gather(const struct ns_tcp_conn *c, size_t off, uint8_t *dst, size_t len)
{
    int i = c->q_head;
    size_t pos = c->q_off + off;

    while (len > 0) {
        const struct ns_tcp_chunk *k = &c->q[i];
        if (pos >= k->len) {
            pos -= k->len;
        } else {
            size_t n = k->len - pos < len ? k->len - pos : len;
            __builtin_memcpy(dst, k->data + pos, n);
            dst += n;
            len -= n;
            pos = 0;
        }
        i = (i + 1) % NS_TCP_CHUNKS;
    }
}

void ns_tcp_segment(struct ns_iface *nif, struct ns_tcp_conn *c, uint32_t seq,
        uint8_t flags, size_t off, size_t len)
{
    uint8_t *ip = tx + NS_ETH_HLEN, *tcp = ip + NS_IP_HLEN;
    size_t hlen = (flags & TCP_SYN) ? TCP_HLEN + 4 : TCP_HLEN;
    size_t seglen = hlen + len;
    uint64_t sum;

    ns_eth_header(nif, tx, c->peer_mac, ETHERTYPE_IPV4);
    ns_ip_header(nif, ip, c->peer_ip, PROTO_TCP, seglen);
    ns_wr16(tcp + TCP_SPORT, nif->tcp->port);
    ns_wr16(tcp + TCP_DPORT, c->peer_port);
    ns_wr32(tcp + TCP_SEQ, seq);
    ns_wr32(tcp + TCP_ACK, (flags & TCP_ACKF) ? c->rcv_nxt : 0);
    tcp[TCP_OFF] = (uint8_t)((hlen / 4) << 4);
    tcp[TCP_FLAGS] = flags;
    /* A RST offers no window; it may answer a segment of no connection, whose (c) is not in the table. */
    ns_wr16(tcp + TCP_WIN, (flags & TCP_RST) ? 0 : (uint16_t)window(nif->tcp, c));
    ns_wr16(tcp + TCP_URP, 0);
    ns_csum_store(tcp + TCP_CSUM, 0);
    if (flags & TCP_SYN) {                  /* MSS option */
        tcp[TCP_HLEN] = 2;
        tcp[TCP_HLEN + 1] = 4;
        ns_wr16(tcp + TCP_HLEN + 2, (uint16_t)(nif->info.mtu - NS_IP_HLEN - TCP_HLEN));
    }
    if (len > 0)
        gather(c, off, tcp + hlen, len);
    sum = ns_pseudo_sum(nif->ip, c->peer_ip, PROTO_TCP, seglen);
    ns_csum_store(tcp + TCP_CSUM, ns_csum_finish(ns_csum_add(sum, tcp, seglen)));
    solo5_net_write(nif->handle, tx, NS_ETH_HLEN + NS_IP_HLEN + seglen);
}

void ns_tcp_reset_reply(struct ns_iface *nif, const struct ns_ip_in *in,
        uint32_t seq, uint32_t ack, uint8_t flags)
{
    struct ns_tcp_conn tmp;
    const uint8_t *tcp = in->ip + in->hlen;

    __builtin_memset(&tmp, 0, sizeof tmp);
    tmp.peer_ip = in->src;
    tmp.peer_port = ns_rd16(tcp + TCP_SPORT);
    ns_mac_copy(tmp.peer_mac, in->frame + ETH_SRC);
    tmp.rcv_nxt = ack;
    ns_tcp_segment(nif, &tmp, seq, flags, 0, 0);
}

/* Bytes in flight: sent, not acknowledged (a sent FIN counts as one). */
static uint32_t in_flight(const struct ns_tcp_conn *c)
{
    return c->snd_nxt - c->snd_una;
}

static int fin_sent(const struct ns_tcp_conn *c)
{
    return c->fin_queued && in_flight(c) > c->queued;
}

void ns_tcp_output(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now)
{
    uint32_t wnd = c->snd_wnd < c->cwnd ? c->snd_wnd : c->cwnd;

    if (c->state != NS_TCP_ESTABLISHED && c->state != NS_TCP_CLOSE_WAIT &&
            c->state != NS_TCP_FIN_WAIT_1 && c->state != NS_TCP_LAST_ACK &&
            c->state != NS_TCP_CLOSING)
        return;                             /* nothing of ours left to send */
    while (!fin_sent(c)) {
        size_t sent = in_flight(c), unsent = c->queued - sent;
        size_t n = unsent < c->mss ? unsent : c->mss;
        uint8_t flags = TCP_ACKF;

        if (n > 0 && sent + n > wnd) {
            if (sent >= wnd)
                break;
            n = wnd - sent;
        }
        if (n == unsent && c->fin_queued)
            flags |= TCP_FIN;
        if (n == 0 && !(flags & TCP_FIN))
            break;
        if (n > 0)
            flags |= TCP_PSH;
        ns_tcp_segment(nif, c, c->snd_nxt, flags, sent, n);
        if (c->rtt_at == 0 && n > 0) {
            c->rtt_at = now;
            c->rtt_seq = c->snd_nxt;
        }
        c->snd_nxt += (uint32_t)n + ((flags & TCP_FIN) ? 1 : 0);
        if (SEQ_LT(c->snd_max, c->snd_nxt))
            c->snd_max = c->snd_nxt;
        if (c->rexmit_at == 0)
            c->rexmit_at = now + c->rto;
    }
    /* A zero window with nothing in flight: the timer probes it. */
    if (in_flight(c) == 0 && c->queued > 0 && c->rexmit_at == 0)
        c->rexmit_at = now + c->rto;
}

static int enqueue(struct ns_iface *nif, struct ns_tcp_conn *c,
        const uint8_t *data, size_t len, solo5_time_t now)
{
    int i;

    if (c->fin_queued || (c->state != NS_TCP_ESTABLISHED &&
            c->state != NS_TCP_CLOSE_WAIT) || c->q_count == NS_TCP_CHUNKS)
        return -1;
    if (len == 0)
        return 0;
    i = (c->q_head + c->q_count) % NS_TCP_CHUNKS;
    c->q[i].data = data;
    c->q[i].len = len;
    c->q_count++;
    c->queued += len;
    ns_tcp_output(nif, c, now);
    return 0;
}

int ns_tcp_send(struct ns_iface *nif, struct ns_tcp_conn *c,
        const uint8_t *data, size_t len, solo5_time_t now)
{
    return enqueue(nif, c, data, len, now);
}

int ns_tcp_send_copy(struct ns_iface *nif, struct ns_tcp_conn *c,
        const uint8_t *data, size_t len, solo5_time_t now)
{
    uint8_t *at = c->copy + c->copy_used;

    if (len > NS_TCP_COPY - c->copy_used)
        return -1;
    __builtin_memcpy(at, data, len);
    if (enqueue(nif, c, at, len, now) != 0)
        return -1;
    c->copy_used += len;
    return 0;
}

void ns_tcp_dequeue(struct ns_tcp_conn *c, size_t n)
{
    c->queued -= n;
    while (n > 0 && c->q_count > 0) {
        struct ns_tcp_chunk *k = &c->q[c->q_head];
        size_t left = k->len - c->q_off;
        if (n < left) {
            c->q_off += n;
            return;
        }
        n -= left;
        c->q_off = 0;
        c->q_head = (c->q_head + 1) % NS_TCP_CHUNKS;
        c->q_count--;
    }
    if (c->q_count == 0)
        c->copy_used = 0;
}

void ns_tcp_close(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now)
{
    if (c->fin_queued)
        return;
    if (c->state == NS_TCP_ESTABLISHED)
        c->state = NS_TCP_FIN_WAIT_1;
    else if (c->state == NS_TCP_CLOSE_WAIT)
        c->state = NS_TCP_LAST_ACK;
    else
        return;
    c->fin_queued = 1;
    ns_tcp_output(nif, c, now);
}

void ns_tcp_free(struct ns_iface *nif, struct ns_tcp_conn *c)
{
    int told = c->state != NS_TCP_SYN_RCVD;

    c->state = NS_TCP_FREE;
    if (told && nif->tcp->h->gone != NULL)
        nif->tcp->h->gone(c);
    __builtin_memset(c, 0, sizeof *c);
}

void ns_tcp_ack(struct ns_iface *nif, struct ns_tcp_conn *c)
{
    if (c->state != NS_TCP_FREE && c->state != NS_TCP_SYN_RCVD)
        ns_tcp_segment(nif, c, c->snd_nxt, TCP_ACKF, 0, 0);
}

void ns_tcp_abort(struct ns_iface *nif, struct ns_tcp_conn *c)
{
    if (c->state == NS_TCP_FREE)
        return;
    ns_tcp_segment(nif, c, c->snd_nxt, TCP_RST | TCP_ACKF, 0, 0);
    ns_tcp_free(nif, c);
}

/* The retransmission timer went off: back off, shrink the window, go back to snd_una. */
static void retransmit(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now)
{
    uint32_t flight = c->snd_max - c->snd_una;

    if (++c->retries > NS_TCP_MAX_RETRIES) {
        ns_tcp_abort(nif, c);
        return;
    }
    c->rto = c->rto * 2 > RTO_MAX ? RTO_MAX : c->rto * 2;
    c->rexmit_at = now + c->rto;
    c->rtt_at = 0;                          /* Karn: no sample from a retransmission */
    if (c->state == NS_TCP_SYN_RCVD) {
        ns_tcp_segment(nif, c, c->iss, TCP_SYN | TCP_ACKF, 0, 0);
        return;
    }
    c->ssthresh = ns_tcp_loss_ssthresh(c);
    c->cwnd = c->mss;
    if (flight == 0 && c->queued > 0) {     /* zero window probe: one byte past it */
        ns_tcp_segment(nif, c, c->snd_nxt, TCP_ACKF, 0, 1);
        return;
    }
    c->snd_nxt = c->snd_una;
    c->rexmit_at = 0;
    ns_tcp_output(nif, c, now);
    if (c->rexmit_at == 0)
        c->rexmit_at = now + c->rto;
}

solo5_time_t ns_tcp_timers(struct ns_iface *nif, solo5_time_t now)
{
    solo5_time_t next = now + NS_NSEC_PER_SEC;

    if (nif->tcp == NULL)
        return next;
    for (int i = 0; i < NS_TCP_CONNS; i++) {
        struct ns_tcp_conn *c = &nif->tcp->conns[i];
        if (c->state == NS_TCP_FREE)
            continue;
        if (c->expires != 0 && now >= c->expires) {
            if (c->state == NS_TCP_TIME_WAIT)
                ns_tcp_free(nif, c);
            else
                ns_tcp_abort(nif, c);       /* idle, or stuck closing */
            continue;
        }
        if (c->rexmit_at != 0 && now >= c->rexmit_at)
            retransmit(nif, c, now);
        if (c->state == NS_TCP_FREE)
            continue;
        if (c->rexmit_at != 0 && c->rexmit_at < next)
            next = c->rexmit_at;
        if (c->expires != 0 && c->expires < next)
            next = c->expires;
    }
    return next;
}

/* RFC 6298 2.2/2.3 with one sample (r), then the floor and ceiling. */
void ns_tcp_rtt_sample(struct ns_tcp_conn *c, solo5_time_t r)
{
    if (c->srtt == 0) {
        c->srtt = r;
        c->rttvar = r / 2;
    } else {
        solo5_time_t d = c->srtt > r ? c->srtt - r : r - c->srtt;
        c->rttvar = (3 * c->rttvar + d) / 4;
        c->srtt = (7 * c->srtt + r) / 8;
    }
    c->rto = c->srtt + 4 * c->rttvar;
    if (c->rto < RTO_MIN)
        c->rto = RTO_MIN;
    if (c->rto > RTO_MAX)
        c->rto = RTO_MAX;
}

/* A new connection's sending state. */
void ns_tcp_init_conn(struct ns_iface *nif, struct ns_tcp_conn *c)
{
    struct ns_tcp *t = nif->tcp;
    uint64_t z;

    /* splitmix64 over a seeded state, stirred with the cycle-free clock */
    t->isn_state += 0x9e3779b97f4a7c15ULL ^ solo5_clock_monotonic();
    z = t->isn_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    c->iss = (uint32_t)z;
    c->snd_una = c->iss;
    c->snd_nxt = c->iss + 1;
    c->snd_max = c->snd_nxt;
    c->rto = RTO_INIT;
    c->cwnd = 10u * c->mss;                 /* RFC 6928 */
    c->ssthresh = 65535;
}
