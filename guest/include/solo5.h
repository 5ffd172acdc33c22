/*
 * solo5.h: the Solo5 public API (interface of Solo5 v0.12.1), as provided by
 * the tender project's own guest runtime.
 */
#ifndef SOLO5_H_INCLUDED
#define SOLO5_H_INCLUDED

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Results of the calls that can fail. */
typedef enum {
    SOLO5_R_OK = 0,     /* success */
    SOLO5_R_AGAIN,      /* nothing to do right now, try again later */
    SOLO5_R_EINVAL,     /* invalid argument */
    SOLO5_R_EUNSPEC     /* any other failure */
} solo5_result_t;

/* Start-of-day information handed to the application (read-only). */
struct solo5_start_info {
    const char *cmdline;
    uintptr_t heap_start;
    size_t heap_size;
};

/* Application entry point; returning from it equals solo5_exit(ret). */
int solo5_app_main(const struct solo5_start_info *info);

/* Exit status values; 255 and above belong to Solo5. */
#define SOLO5_EXIT_SUCCESS      0
#define SOLO5_EXIT_FAILURE      1
#define SOLO5_EXIT_ABORT        255

void solo5_exit(int status) __attribute__((noreturn));
void solo5_abort(void) __attribute__((noreturn));

/*
 * Thread-local storage (local-exec model only). A TLS block of
 * solo5_tls_size() bytes is set up with solo5_tls_init() and activated with
 * solo5_set_tls_base(solo5_tls_tp_offset(block)).
 */
size_t solo5_tls_size(void);
uintptr_t solo5_tls_tp_offset(uintptr_t tls);
solo5_result_t solo5_tls_init(uintptr_t tls);
solo5_result_t solo5_set_tls_base(uintptr_t base);

/* Time values, in nanoseconds. */
typedef uint64_t solo5_time_t;

/* Monotonic time since an unspecified point in the past. */
solo5_time_t solo5_clock_monotonic(void);

/* Wall-clock time (UTC) since the UNIX epoch. */
solo5_time_t solo5_clock_wall(void);

/* I/O handles (manifest indices) and sets of up to 64 of them. */
typedef uint64_t solo5_handle_t;
typedef uint64_t solo5_handle_set_t;

/*
 * Block until monotonic time reaches (deadline) or a network device has
 * input. If (ready_set) is not NULL it receives the set of ready handles.
 */
void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set);

/* Best-effort console output. */
void solo5_console_write(const char *buf, size_t size);

/* Network devices. */
#define SOLO5_NET_ALEN          6       /* Ethernet address length */
#define SOLO5_NET_HLEN          14      /* Ethernet header length */

struct solo5_net_info {
    uint8_t mac_address[SOLO5_NET_ALEN];
    size_t mtu;                         /* without the Ethernet header */
};

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_net_info *info);
solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size);
solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size);

/* Block devices; I/O is exactly one block at a block-aligned offset. */
typedef uint64_t solo5_off_t;

struct solo5_block_info {
    solo5_off_t capacity;               /* bytes */
    solo5_off_t block_size;             /* bytes */
};

solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_block_info *info);
solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
        const uint8_t *buf, size_t size);
solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
        uint8_t *buf, size_t size);

#endif /* SOLO5_H_INCLUDED */
