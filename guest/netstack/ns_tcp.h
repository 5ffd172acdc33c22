/*
 * ns_tcp.h: TCP as a server (RFC 9293), part of netstack.h.
 *
 * One listening port per interface and a fixed table of NS_TCP_CONNS
 * connections: memory is bounded whatever peers do. What is there: passive
 * open with an MSS option, in-order delivery (a segment that does not start
 * at the next expected byte is dropped and answered with a duplicate ACK),
 * retransmission on an RTO (RFC 6298, 200 ms floor, doubling, a connection
 * given up after NS_TCP_MAX_RETRIES), fast retransmit on three duplicate
 * ACKs, slow start and congestion avoidance (RFC 5681), the peer's window
 * respected (with probes when it is zero), FIN and RST in every state, RST
 * checks against blind resets (RFC 5961: only an exact sequence number
 * resets, an in-window one gets a challenge ACK), TIME_WAIT of
 * NS_TCP_TIME_WAIT_NS. A SYN flood or idle clients cannot take the table:
 * when it is full, a new SYN takes the slot of the oldest connection in
 * TIME_WAIT, else of the oldest half-open one, else of the established one
 * with nothing queued that has been quiet longest (reset); never of one
 * still sending. Half-open and idle connections also time out. Not there: window scaling, SACK,
 * timestamps, urgent data, out-of-order queueing, active open.
 *
 * Sending is by reference: ns_tcp_send() queues a pointer to bytes that must
 * stay unchanged until they are acknowledged (the sent() callback says when
 * the queue is empty), so a file embedded in the image is sent without a
 * copy; ns_tcp_send_copy() copies small data (headers) into the
 * connection's own NS_TCP_COPY-byte buffer instead.
 */
#ifndef NS_TCP_H
#define NS_TCP_H

#define NS_TCP_CONNS        64
#define NS_TCP_CHUNKS       8
#define NS_TCP_COPY         1024
#define NS_TCP_MAX_RETRIES  8
#define NS_TCP_TIME_WAIT_NS (2 * NS_NSEC_PER_SEC)
#define NS_TCP_IDLE         (120 * NS_NSEC_PER_SEC)

enum ns_tcp_state {
    NS_TCP_FREE = 0, NS_TCP_SYN_RCVD, NS_TCP_ESTABLISHED, NS_TCP_CLOSE_WAIT,
    NS_TCP_LAST_ACK, NS_TCP_FIN_WAIT_1, NS_TCP_FIN_WAIT_2, NS_TCP_CLOSING,
    NS_TCP_TIME_WAIT
};

struct ns_tcp_chunk {
    const uint8_t *data;
    size_t len;
};

struct ns_tcp_conn {
    enum ns_tcp_state state;
    uint32_t peer_ip;
    uint16_t peer_port;
    uint8_t peer_mac[NS_ETH_ALEN];  /* the link address its SYN came from */
    uint16_t mss;                   /* largest segment we send it */
    uint32_t iss, snd_una, snd_nxt, snd_wnd;
    uint32_t snd_max;               /* highest sequence number sent (snd_nxt goes back on a retransmission) */
    uint32_t snd_wl1, snd_wl2;      /* sequence and ACK numbers of the segment snd_wnd came from */
    uint32_t rcv_nxt;
    uint32_t cwnd, ssthresh;
    int dupacks;
    /* Queued, unacknowledged bytes from snd_una on: q[q_head] from q_off. */
    struct ns_tcp_chunk q[NS_TCP_CHUNKS];
    int q_head, q_count;
    size_t q_off, queued;
    uint8_t copy[NS_TCP_COPY];
    size_t copy_used;
    int fin_queued;                 /* the application closed its side */
    /* Timers and the round-trip estimate (RFC 6298). */
    solo5_time_t rto, srtt, rttvar;
    solo5_time_t rexmit_at;         /* 0: not armed */
    int retries;
    uint32_t rtt_seq;               /* timed byte; valid while rtt_at != 0 */
    solo5_time_t rtt_at;
    solo5_time_t expires;           /* TIME_WAIT end, or the idle limit */
    solo5_time_t active;            /* when the peer last sent anything */
};

/* What the stack tells the application; (c) stays valid until gone(). */
struct ns_tcp_handler {
    void (*accepted)(struct ns_tcp_conn *c);
    /* In-order data; returns how many bytes it took (the rest is not acknowledged). */
    size_t (*received)(struct ns_tcp_conn *c, const uint8_t *data, size_t len);
    void (*sent)(struct ns_tcp_conn *c);        /* the send queue emptied */
    void (*peer_closed)(struct ns_tcp_conn *c); /* the peer sent FIN */
    void (*gone)(struct ns_tcp_conn *c);        /* closed or reset: forget it */
    /* Bytes the application can take now (the window offered); NULL: 8192. */
    size_t (*room)(struct ns_tcp_conn *c);
};

struct ns_tcp {
    uint16_t port;
    const struct ns_tcp_handler *h;
    struct ns_tcp_conn conns[NS_TCP_CONNS];
    uint64_t isn_state;             /* initial sequence numbers (RFC 6528 spirit) */
};

/* Listens on (port) with (t)'s table; (seed) makes initial sequence numbers unpredictable. */
void ns_tcp_listen(struct ns_iface *nif, struct ns_tcp *t, uint16_t port,
        const struct ns_tcp_handler *h, uint64_t seed);
/* Queues (len) bytes by reference; 0, or -1 when the queue is full or the side closed. */
int ns_tcp_send(struct ns_iface *nif, struct ns_tcp_conn *c,
        const uint8_t *data, size_t len, solo5_time_t now);
/* Queues a copy of (len) bytes; -1 when the copy buffer has no room. */
int ns_tcp_send_copy(struct ns_iface *nif, struct ns_tcp_conn *c,
        const uint8_t *data, size_t len, solo5_time_t now);
/* Bytes queued and not yet acknowledged. */
static inline size_t ns_tcp_pending(const struct ns_tcp_conn *c)
{
    return c->queued;
}
/* Closes our side once the queue is sent (FIN). */
void ns_tcp_close(struct ns_iface *nif, struct ns_tcp_conn *c, solo5_time_t now);
/* Sends an ACK now (a window update, after the application made room). */
void ns_tcp_ack(struct ns_iface *nif, struct ns_tcp_conn *c);
/* Resets the connection at once. */
void ns_tcp_abort(struct ns_iface *nif, struct ns_tcp_conn *c);
/* Retransmissions and time-outs; returns the next deadline (or now + 1 s). */
solo5_time_t ns_tcp_timers(struct ns_iface *nif, solo5_time_t now);
/* The slot number of (c), 0 .. NS_TCP_CONNS - 1, for the application's own tables. */
static inline int ns_tcp_slot(const struct ns_iface *nif, const struct ns_tcp_conn *c)
{
    return (int)(c - nif->tcp->conns);
}

#endif /* NS_TCP_H */
