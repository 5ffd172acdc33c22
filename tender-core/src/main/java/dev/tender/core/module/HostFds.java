package dev.tender.core.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host file descriptors the tender keeps using once the guest runs, and how: modules declare theirs at
 * set-up, and a tender that confines itself (hvt's seccomp filter) allows exactly these uses and no others.
 */
public final class HostFds {
    /** How a descriptor is used while the guest runs. */
    public enum Use {
        /** {@code read} and {@code write} (a TAP, an eventfd). */
        STREAM,
        /** {@code pread64} and {@code pwrite64} (a block device's backing file). */
        POSITIONAL
    }

    /** One descriptor and its use. */
    public record HostFd(int fd, Use use) {
    }

    private final List<HostFd> fds = new ArrayList<>();

    /** Declares {@code fd}, read and written as a stream. */
    public void stream(int fd) {
        fds.add(new HostFd(fd, Use.STREAM));
    }

    /** Declares {@code fd}, read and written at offsets. */
    public void positional(int fd) {
        fds.add(new HostFd(fd, Use.POSITIONAL));
    }

    /** Every declaration, in order. */
    public List<HostFd> all() {
        return Collections.unmodifiableList(fds);
    }
}
