/*
 * fuzz_hvt.h: what fuzz_hvt.c (requests the tender answers) and
 * fuzz_hvt_fatal.c with fuzz_hvt_exits.c (requests that end the guest)
 * share, on x86_64 and aarch64.
 */
#ifndef FUZZ_HVT_H
#define FUZZ_HVT_H

#include "fuzz.h"
#include "../../runtime/hvt/hvt_abi.h"

/* The image's sections (solo5_hvt.lds); text and rodata are read-only on the host. */
extern char _stext[], _etext[], _erodata[], _end[];

#define HV_LOW_START    0x10000ULL      /* boot info page: readable, below the image */
#define HV_IMAGE_START  0x100000ULL

extern uint64_t hv_mem;         /* guest-visible memory size */
extern uint64_t hv_scratch;     /* [hv_scratch, hv_mem - 1) is free for the fuzzer */

/* Sizes of the argument structures (docs/abi.md §7), indexed by number. */
extern const uint64_t hv_arg_size[9];
extern const char *const hv_name[9];

/* A size-byte argument structure in scratch memory, outside [lo, hi). */
volatile uint8_t *hv_arg(uint64_t size, uint64_t lo, uint64_t hi);
/* The ret BLOCK_WRITE/READ give before they look at the buffer (§7.6, steps 1-3). */
uint32_t hv_block_expect(uint64_t handle, uint64_t off, uint64_t len);
/* One random request that the tender must answer (docs/abi.md §7.3-§7.7). */
void hv_random_call(void);

/* fuzz_hvt_fatal.c: the message the tender must print, and printing it. */
extern char hv_expect[160];
void hv_announce(void);
void hv_access_message(int nr, uint64_t gpa, uint64_t size);
void hv_bad_buffer(uint64_t max_len, uint64_t *data, uint64_t *len);

#ifdef FUZZ_NET
/* test_fuzz_net (fuzz_net.c, fuzz_net_fatal.c): NET_BASIC device service0 too. */
#define NET_SELF_IP     0x0A000002U     /* 10.0.0.2, the guest's address in ARP requests */
#define NET_PEER_IP     0x0A000001U     /* 10.0.0.1, the TAP's address in the test's namespace */
extern uint64_t hv_net;         /* service0's handle */
extern uint64_t hv_net_mtu;
void net_init(void);
/* NET_WRITE (write != 0) or NET_READ with random handle, buffer and length. */
void net_call(int write);
/* "write=ok/einval read=ok/again/einval arp=sent/replies" for the summary. */
void net_summary(char *out, size_t size);
void net_fatal(void) __attribute__((noreturn));
#endif

/* fuzz_hvt_exits.c: an exit that is no hypercall; a hypercall's word accessed wrongly. */
void hv_bad_address(void);
void hv_bad_width(void);

/*
 * A 32-bit write of value to where (a port on x86_64, a guest-physical
 * address on aarch64): the guest's way to reach the tender, aimed anywhere.
 */
static inline void hv_call_raw(uint64_t where, uint32_t value)
{
#if defined(__x86_64__)
    __asm__ __volatile__("outl %0, %1" : : "a"(value), "d"((uint16_t)where) : "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("str %w0, [%1]" : : "r"(value), "r"(where) : "memory");
#else
#error "unsupported architecture"
#endif
}

/* Hypercall nr with a 32-bit argument word that need not point at anything valid. */
static inline void hv_call32(int nr, uint32_t value)
{
#if defined(__x86_64__)
    hv_call_raw(HVT_HYPERCALL_PIO_BASE + (uint64_t)nr, value);
#else
    hv_call_raw(HVT_HYPERCALL_MMIO_BASE + (uint64_t)nr * 8, value);
#endif
}

#endif /* FUZZ_HVT_H */
