package dev.tender.spt;

import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import dev.tender.spt.arch.SptArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.seccomp.SeccompFilter.Arg;
import dev.tender.core.seccomp.Syscall;

/**
 * The spt guest's seccomp policy, exactly docs/abi.md §16: the core rules (the architecture adds its own at
 * their end), then per attached device (in manifest order) the net rules and the block rules, each tied to that
 * device's host fd.
 */
public final class SptPolicy {
    private SptPolicy() {
    }

    public static SeccompFilter of(SptArch arch, Manifest manifest, int epollFd, int timerFd) {
        SeccompFilter f = new SeccompFilter(arch);
        // core
        f.allow(Syscall.WRITE, Arg.eq(0, 1));
        f.allow(Syscall.EXIT_GROUP);
        f.allow(Syscall.EPOLL_PWAIT, Arg.eq(0, epollFd));
        f.allow(Syscall.TIMERFD_SETTIME, Arg.eq(0, timerFd));
        f.allow(Syscall.CLOCK_GETTIME, Arg.eq(0, SptAbi.CLOCK_MONOTONIC));
        f.allow(Syscall.CLOCK_GETTIME, Arg.eq(0, SptAbi.CLOCK_REALTIME));
        arch.allowArchCalls(f);
        // net
        for (ManifestEntry e : manifest.entries()) {
            if (e.type() == DeviceType.NET_BASIC && e.attached()) {
                f.allow(Syscall.READ, Arg.eq(0, e.hostFd()));
                f.allow(Syscall.WRITE, Arg.eq(0, e.hostFd()));
            }
        }
        // block
        for (ManifestEntry e : manifest.entries()) {
            if (e.type() == DeviceType.BLOCK_BASIC && e.attached()) {
                long bs = e.blockSize();
                long last = e.capacity() - bs;
                f.allow(Syscall.PREAD64, Arg.eq(0, e.hostFd()), Arg.eq(2, bs), Arg.le(3, last));
                f.allow(Syscall.PWRITE64, Arg.eq(0, e.hostFd()), Arg.eq(2, bs), Arg.le(3, last));
            }
        }
        return f;
    }
}
