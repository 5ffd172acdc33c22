/*
 * hvt.h: internal interfaces of the hvt platform layer (this directory and
 * its per-architecture subdirectories), on top of the shared runtime.h.
 */
#ifndef HVT_H
#define HVT_H

#include "runtime.h"
#include "hvt_abi.h"

/* Platform (platform.c): boot info, console, HALT, FS base. */
void platform_init(const struct hvt_boot_info *bi);

/* CPU (x86_64/cpu_x86_64.c, aarch64/cpu_aarch64.c). */
void cpu_init(void);
void cpu_trap_handler(uint64_t vector, void *frame) NORETURN;

/* Time (time.c). */
void time_init(void);

/* Network (net.c): picks ring I/O or hypercalls from the boot info. */
void net_init(const struct hvt_boot_info *bi);

#endif /* HVT_H */
