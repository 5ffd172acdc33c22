/*
 * tcp_in.c: TCP's receiving side: segment checks, the passive open, ACK
 * processing, in-order data and FIN, RST (see ns_tcp.h for what is and is
 * not implemented). The sending side is tcp_out.c.
 */
#include "ns_wire.h"

#define MSS_DEFAULT 536

struct seg {
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t wnd;
    uint16_t sport, dport;
    const uint8_t *data;
    size_t len;
    uint16_t mss;                   /* from a SYN's option, else 0 */
};

/* Parses and checks the segment of (in); 0 when it is well-formed. */
static int parse(const struct ns_iface *nif, const struct ns_ip_in *in, struct seg *s)
{
    const uint8_t *tcp = in->ip + in->hlen;
    size_t len = in->totlen - in->hlen, off;

    if (len < TCP_HLEN)
        return -1;
    off = (size_t)(tcp[TCP_OFF] >> 4) * 4;
    if (off < TCP_HLEN || off > len)
        return -1;
    if (ns_csum_finish(ns_csum_add(ns_pseudo_sum(in->src, nif->ip, PROTO_TCP,
            len), tcp, len)) != 0)
        return -1;
    s->sport = ns_rd16(tcp + TCP_SPORT);
    s->dport = ns_rd16(tcp + TCP_DPORT);
    s->seq = ns_rd32(tcp + TCP_SEQ);
    s->ack = ns_rd32(tcp + TCP_ACK);
    s->flags = tcp[TCP_FLAGS];
    s->wnd = ns_rd16(tcp + TCP_WIN);
    s->data = tcp + off;
    s->len = len - off;
    s->mss = 0;
    for (size_t i = TCP_HLEN; i < off;) {   /* options: only MSS is read */
        uint8_t kind = tcp[i];
        if (kind == 0)
            break;
        if (kind == 1) {
            i++;
            continue;
        }
        if (i + 1 >= off || tcp[i + 1] < 2 || i + tcp[i + 1] > off)
            return -1;
        if (kind == 2 && tcp[i + 1] == 4)
            s->mss = ns_rd16(tcp + i + 2);
        i += tcp[i + 1];
    }
    return s->sport == 0 ? -1 : 0;
}

static struct ns_tcp_conn *lookup(struct ns_tcp *t, uint32_t ip, uint16_t port)
{
    for (int i = 0; i < NS_TCP_CONNS; i++) {
        struct ns_tcp_conn *c = &t->conns[i];
        if (c->state != NS_TCP_FREE && c->peer_ip == ip && c->peer_port == port)
            return c;
    }
    return NULL;
}

/*
 * What a full table gives up for a new SYN, best first: a connection in
 * TIME_WAIT, then a half-open one, then one with nothing queued that has
 * been quiet longest (so that idle clients cannot hold every slot); the
 * oldest of the best kind. 0: never (it has data on its way).
 */
static int sacrifice(const struct ns_tcp_conn *c)
{
    if (c->state == NS_TCP_TIME_WAIT)
        return 3;
    if (c->state == NS_TCP_SYN_RCVD)
        return 2;
    return c->queued == 0 && !c->fin_queued ? 1 : 0;
}

/* A slot for a new half-open connection: a free one, else the one given up for it. */
static struct ns_tcp_conn *slot(struct ns_iface *nif)
{
    struct ns_tcp_conn *victim = NULL;
    int best = 0;                           /* sacrifice(victim) */

    for (int i = 0; i < NS_TCP_CONNS; i++) {
        struct ns_tcp_conn *c = &nif->tcp->conns[i];
        int k;
        if (c->state == NS_TCP_FREE)
            return c;
        k = sacrifice(c);
        if (k == 0)
            continue;
        if (k > best || (k == best && c->active < victim->active)) {
            victim = c;
            best = k;
        }
    }
    if (victim != NULL) {
        if (victim->state == NS_TCP_ESTABLISHED || victim->state == NS_TCP_CLOSE_WAIT)
            ns_tcp_abort(nif, victim);      /* the peer learns it with a RST */
        else
            ns_tcp_free(nif, victim);
    }
    return victim;
}

static void passive_open(struct ns_iface *nif, const struct ns_ip_in *in,
        const struct seg *s, solo5_time_t now)
{
    struct ns_tcp_conn *c = slot(nif);
    uint16_t ours = (uint16_t)(nif->info.mtu - NS_IP_HLEN - TCP_HLEN);

    if (c == NULL)
        return;                             /* every slot is established */
    c->state = NS_TCP_SYN_RCVD;
    c->peer_ip = in->src;
    c->peer_port = s->sport;
    ns_mac_copy(c->peer_mac, in->frame + ETH_SRC);
    c->mss = s->mss == 0 ? MSS_DEFAULT : s->mss;
    if (c->mss > ours)
        c->mss = ours;
    if (c->mss < 64)
        c->mss = 64;
    c->rcv_nxt = s->seq + 1;
    c->snd_wnd = s->wnd;
    c->snd_wl1 = s->seq;
    c->snd_wl2 = 0;
    c->active = now;
    c->expires = now + NS_TCP_IDLE;
    ns_tcp_init_conn(nif, c);
    c->rexmit_at = now + c->rto;
    ns_tcp_segment(nif, c, c->iss, TCP_SYN | TCP_ACKF, 0, 0);
}

static void ack_now(struct ns_iface *nif, struct ns_tcp_conn *c)
{
    ns_tcp_segment(nif, c, c->snd_nxt, TCP_ACKF, 0, 0);
}

/* Our FIN is acknowledged when everything through snd_nxt is and it was sent. */
static int fin_acked(const struct ns_tcp_conn *c)
{
    return c->fin_queued && c->snd_una == c->snd_max && c->queued == 0 && c->snd_nxt == c->snd_max;
}

/* The ACK field of an acceptable segment; 0 when the segment should go no further. */
static int process_ack(struct ns_iface *nif, struct ns_tcp_conn *c,
        const struct seg *s, solo5_time_t now)
{
    uint32_t acked;

    if (SEQ_LT(c->snd_max, s->ack)) {       /* acknowledges what was never sent */
        ack_now(nif, c);
        return 0;
    }
    /* After going back for a retransmission, the peer may have had more than it acknowledged then. */
    if (SEQ_LT(c->snd_nxt, s->ack))
        c->snd_nxt = s->ack;
    /* The window of the newest segment only (RFC 9293 3.10.7.4): a reordered older one cannot shrink it. */
    if (SEQ_LT(c->snd_wl1, s->seq) || (c->snd_wl1 == s->seq && SEQ_LEQ(c->snd_wl2, s->ack))) {
        c->snd_wnd = s->wnd;
        c->snd_wl1 = s->seq;
        c->snd_wl2 = s->ack;
    }
    if (SEQ_LEQ(s->ack, c->snd_una)) {
        if (s->ack == c->snd_una && s->len == 0 && c->snd_max != c->snd_una &&
                !(s->flags & TCP_FIN) && ++c->dupacks == 3) {
            c->ssthresh = ns_tcp_loss_ssthresh(c);
            c->cwnd = c->ssthresh;          /* fast retransmit, go back to snd_una */
            c->snd_nxt = c->snd_una;
            c->rtt_at = 0;
            ns_tcp_output(nif, c, now);
        }
        return 1;
    }
    acked = s->ack - c->snd_una;
    if (c->rtt_at != 0 && SEQ_LT(c->rtt_seq, s->ack)) {
        ns_tcp_rtt_sample(c, now - c->rtt_at);
        c->rtt_at = 0;
    }
    ns_tcp_dequeue(c, acked > c->queued ? c->queued : acked);
    c->snd_una = s->ack;
    c->dupacks = 0;
    c->retries = 0;
    if (c->cwnd < c->ssthresh)
        c->cwnd += acked < c->mss ? acked : c->mss;
    else
        c->cwnd += c->mss * c->mss / c->cwnd + 1;
    c->rexmit_at = c->snd_max != c->snd_una || c->queued > 0 ? now + c->rto : 0;
    if (c->queued == 0 && !c->fin_queued && nif->tcp->h->sent != NULL)
        nif->tcp->h->sent(c);
    return 1;
}

static void fin_received(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now)
{
    c->rcv_nxt++;
    ack_now(nif, c);
    switch (c->state) {
    case NS_TCP_ESTABLISHED:
        c->state = NS_TCP_CLOSE_WAIT;
        if (nif->tcp->h->peer_closed != NULL)
            nif->tcp->h->peer_closed(c);
        break;
    case NS_TCP_FIN_WAIT_1:
        c->state = NS_TCP_CLOSING;
        break;
    case NS_TCP_FIN_WAIT_2:
        c->state = NS_TCP_TIME_WAIT;
        c->expires = now + NS_TCP_TIME_WAIT_NS;
        c->rexmit_at = 0;
        break;
    default:
        break;
    }
}

static void established_input(struct ns_iface *nif, struct ns_tcp_conn *c,
        struct seg *s, solo5_time_t now)
{
    if (!process_ack(nif, c, s, now) || c->state == NS_TCP_FREE)
        return;
    if (fin_acked(c)) {
        if (c->state == NS_TCP_FIN_WAIT_1) {
            c->state = NS_TCP_FIN_WAIT_2;
            c->expires = now + 10 * NS_NSEC_PER_SEC;
        } else if (c->state == NS_TCP_CLOSING) {
            c->state = NS_TCP_TIME_WAIT;
            c->expires = now + NS_TCP_TIME_WAIT_NS;
        } else if (c->state == NS_TCP_LAST_ACK) {
            ns_tcp_free(nif, c);
            return;
        }
        c->rexmit_at = 0;
    }
    /* Data and FIN only in states where the peer may still send. */
    if (c->state != NS_TCP_ESTABLISHED && c->state != NS_TCP_FIN_WAIT_1 &&
            c->state != NS_TCP_FIN_WAIT_2) {
        if (s->len > 0 || (s->flags & TCP_FIN))
            ack_now(nif, c);
        return;
    }
    if (SEQ_LT(s->seq, c->rcv_nxt) && SEQ_LT(c->rcv_nxt, s->seq + (uint32_t)s->len)) {
        uint32_t skip = c->rcv_nxt - s->seq;  /* a retransmission overlapping new data */
        s->data += skip;
        s->len -= skip;
        s->seq = c->rcv_nxt;
    }
    if (s->seq != c->rcv_nxt) {
        if (s->len > 0 || (s->flags & TCP_FIN))
            ack_now(nif, c);                /* out of order or old: a duplicate ACK */
        return;
    }
    if (s->len > 0) {
        size_t took = nif->tcp->h->received(c, s->data, s->len);
        if (c->state == NS_TCP_FREE)
            return;                         /* the application aborted it */
        c->rcv_nxt += (uint32_t)took;
        if (took < s->len) {
            ack_now(nif, c);
            return;                         /* the rest (and a FIN) comes again */
        }
    }
    if (s->flags & TCP_FIN)
        fin_received(nif, c, now);
    else if (s->len > 0)
        ack_now(nif, c);
    if (c->state != NS_TCP_FREE)
        ns_tcp_output(nif, c, now);
}

enum ns_event ns_tcp_input(struct ns_iface *nif, const struct ns_ip_in *in,
        solo5_time_t now)
{
    struct ns_tcp *t = nif->tcp;
    struct ns_tcp_conn *c;
    struct seg s;

    if (t == NULL || parse(nif, in, &s) != 0 || ns_ip_unanswerable(nif, in->src))
        return NS_NONE;
    c = s.dport == t->port ? lookup(t, in->src, s.sport) : NULL;
    if (c == NULL) {
        if (s.flags & TCP_RST)
            return NS_NONE;
        if (s.dport == t->port && (s.flags & (TCP_SYN | TCP_ACKF | TCP_FIN)) == TCP_SYN)
            passive_open(nif, in, &s, now);
        else if (s.flags & TCP_ACKF)
            ns_tcp_reset_reply(nif, in, s.ack, 0, TCP_RST);
        else
            ns_tcp_reset_reply(nif, in, 0, s.seq + (uint32_t)s.len +
                    ((s.flags & TCP_SYN) ? 1 : 0) + ((s.flags & TCP_FIN) ? 1 : 0),
                    TCP_RST | TCP_ACKF);
        return NS_NONE;
    }
    c->active = now;
    if (c->state != NS_TCP_TIME_WAIT && c->state != NS_TCP_FIN_WAIT_2)
        c->expires = now + NS_TCP_IDLE;
    if (s.flags & TCP_RST) {
        if (s.seq == c->rcv_nxt)
            ns_tcp_free(nif, c);
        else if (SEQ_LEQ(c->rcv_nxt, s.seq) && SEQ_LT(s.seq, c->rcv_nxt + 65535))
            ack_now(nif, c);                /* challenge ACK (RFC 5961 3.2) */
        return NS_NONE;
    }
    if (s.flags & TCP_SYN) {
        if (c->state == NS_TCP_SYN_RCVD && s.seq + 1 == c->rcv_nxt)
            ns_tcp_segment(nif, c, c->iss, TCP_SYN | TCP_ACKF, 0, 0);
        else
            ack_now(nif, c);                /* challenge ACK (RFC 5961 4.2) */
        return NS_NONE;
    }
    if (!(s.flags & TCP_ACKF))
        return NS_NONE;
    if (c->state == NS_TCP_SYN_RCVD) {
        if (s.ack != c->iss + 1) {
            ns_tcp_reset_reply(nif, in, s.ack, 0, TCP_RST);
            return NS_NONE;
        }
        c->state = NS_TCP_ESTABLISHED;
        c->snd_una = s.ack;
        c->snd_wnd = s.wnd;
        c->snd_wl1 = s.seq;
        c->snd_wl2 = s.ack;
        c->rexmit_at = 0;
        c->retries = 0;
        if (t->h->accepted != NULL)
            t->h->accepted(c);
        if (c->state == NS_TCP_FREE)
            return NS_NONE;
    }
    established_input(nif, c, &s, now);
    return NS_NONE;
}
