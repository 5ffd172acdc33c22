/*
 * cpu_probes.h: the few things tests do that need the processor's own
 * instructions, with one header per architecture behind it
 * (cpu_probes_x86_64.h, cpu_probes_aarch64.h):
 *
 *   probe_thread_pointer()  the thread pointer, read through the TLS register
 *   probe_tls_word()        a load at offset 0x28 from the TLS register's base
 *   probe_store_return(p)   write a "return" instruction at p, ready to run
 */
#ifndef CPU_PROBES_H
#define CPU_PROBES_H

#include <stdint.h>

#if defined(__x86_64__)
#include "cpu_probes_x86_64.h"
#elif defined(__aarch64__)
#include "cpu_probes_aarch64.h"
#else
#error "cpu_probes.h: unsupported architecture"
#endif

#endif /* CPU_PROBES_H */
