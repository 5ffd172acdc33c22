/*
 * The guest headers' view of every hvt/spt ABI structure, for GuestAbiLayoutTest. Compiled only (-c), for
 * each architecture: each value lands as a "name value" line in the section .abi_layout, which the test
 * reads back from the object file, so an aarch64 object needs no aarch64 machine.
 */
#include <stddef.h>
#include <stdint.h>
#include "mft_abi.h"
#include "hvt_abi.h"
#include "spt_abi.h"

#define EMIT(name, value)                                                   \
    __asm__ __volatile__(".pushsection .abi_layout\n"                       \
                         ".ascii \"" name " %c0\\n\"\n"                      \
                         ".popsection" : : "i"((unsigned long)(value)))
#define OFF(s, f) EMIT(#s "." #f, offsetof(struct s, f))
#define SIZE(s) EMIT(#s, sizeof(struct s))
#define NUM(n) EMIT(#n, n)

void guest_abi_layout(void);

void guest_abi_layout(void)
{
    SIZE(hvt_boot_info);
    OFF(hvt_boot_info, mem_size);
    OFF(hvt_boot_info, kernel_end);
    OFF(hvt_boot_info, cpu_cycle_freq);
    OFF(hvt_boot_info, cmdline);
    OFF(hvt_boot_info, mft);
    OFF(hvt_boot_info, host_features);
    OFF(hvt_boot_info, guest_features);
    OFF(hvt_boot_info, net_ring);
    NUM(HVT_BOOT_INFO_GPA);
    NUM(HVT_HYPERCALL_PIO_BASE);
    NUM(HVT_HALT_COOKIE_SIZE);
    NUM(HVT_HOST_FEATURE_RING_IO);

    SIZE(hvt_hc_walltime);
    OFF(hvt_hc_walltime, nsecs);
    SIZE(hvt_hc_puts);
    OFF(hvt_hc_puts, data);
    OFF(hvt_hc_puts, len);
    SIZE(hvt_hc_poll);
    OFF(hvt_hc_poll, timeout_nsecs);
    OFF(hvt_hc_poll, ready_set);
    OFF(hvt_hc_poll, ret);
    SIZE(hvt_hc_block_io);
    OFF(hvt_hc_block_io, handle);
    OFF(hvt_hc_block_io, offset);
    OFF(hvt_hc_block_io, data);
    OFF(hvt_hc_block_io, len);
    OFF(hvt_hc_block_io, ret);
    SIZE(hvt_hc_net_io);
    OFF(hvt_hc_net_io, handle);
    OFF(hvt_hc_net_io, data);
    OFF(hvt_hc_net_io, len);
    OFF(hvt_hc_net_io, ret);
    SIZE(hvt_hc_halt);
    OFF(hvt_hc_halt, cookie);
    OFF(hvt_hc_halt, exit_status);

    SIZE(hvt_ring);
    EMIT("hvt_ring.align", _Alignof(struct hvt_ring));
    OFF(hvt_ring, ent_tail);
    OFF(hvt_ring, com_head);
    OFF(hvt_ring, ent_head);
    OFF(hvt_ring, com_tail);
    OFF(hvt_ring, needs_kick);
    OFF(hvt_ring, entries);
    OFF(hvt_ring, commits);
    SIZE(hvt_ring_entry);
    OFF(hvt_ring_entry, operation);
    OFF(hvt_ring_entry, handle);
    OFF(hvt_ring_entry, data);
    OFF(hvt_ring_entry, len);
    OFF(hvt_ring_entry, id);
    SIZE(hvt_ring_commit);
    OFF(hvt_ring_commit, id);
    OFF(hvt_ring_commit, ret);
    OFF(hvt_ring_commit, len);
    NUM(HVT_RING_SLOTS);
    NUM(HVT_RING_MASK);
    NUM(HVT_RING_KICK_PORT);

    SIZE(spt_boot_info);
    OFF(spt_boot_info, mem_size);
    OFF(spt_boot_info, kernel_end);
    OFF(spt_boot_info, cmdline);
    OFF(spt_boot_info, mft);
    OFF(spt_boot_info, epollfd);
    OFF(spt_boot_info, timerfd);
    NUM(SPT_BOOT_INFO_BASE);

    SIZE(mft_entry);
    OFF(mft_entry, name);
    OFF(mft_entry, type);
    OFF(mft_entry, u.block_basic.capacity);
    OFF(mft_entry, u.block_basic.block_size);
    OFF(mft_entry, u.net_basic.mac);
    OFF(mft_entry, u.net_basic.mtu);
    OFF(mft_entry, b.hostfd);
    OFF(mft_entry, attached);
    OFF(mft, version);
    OFF(mft, entries);
    OFF(mft, e);
    SIZE(mft1_nhdr);
    OFF(mft1_note, m);
    NUM(MFT_NAME_SIZE);
    NUM(MFT_NAME_MAX);
    NUM(MFT_MAX_ENTRIES);
    NUM(MFT_VERSION);
    NUM(MFT1_NOTE_TYPE);
    NUM(MFT1_NOTE_ALIGN);
    NUM(MFT1_NOTE_MAX_SIZE);
}
