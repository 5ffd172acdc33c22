/*
 * spt.h: internal interfaces of the spt guest runtime. The target-independent
 * parts (logging, aborts, command line, memory map, manifest lookup, TLS
 * blocks) are ../common, shared with hvt; this directory supplies the
 * platform layer underneath them and the device and time implementations on
 * top of system calls.
 */
#ifndef SPT_H
#define SPT_H

#include "runtime.h"
#include "spt_abi.h"

void spt_platform_init(const struct spt_boot_info *bi);
int spt_epollfd(void);
int spt_timerfd(void);

#endif /* SPT_H */
