package dev.tender.core.module;

import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestRange;

/**
 * The tender a module is set up in, with what that tender offers it. On {@link Hvt} the tender serves the
 * guest: modules register hypercalls, add fds to the POLL set and read and write the guest ranges those calls
 * name, through checked views only. On {@link Spt} the guest
 * does its own I/O on the host fds inside a seccomp sandbox, so modules only attach and check their devices.
 */
public sealed interface TenderKind permits TenderKind.Hvt, TenderKind.Spt {

    /** hvt: the guest runs on KVM and calls the tender through hypercalls served on the vCPU thread. */
    final class Hvt implements TenderKind {
        private final GuestMemory memory;
        private final HypercallTable hypercalls;
        private final Poller poller;

        public Hvt(GuestMemory memory, HypercallTable hypercalls, Poller poller) {
            this.memory = memory;
            this.hypercalls = hypercalls;
            this.poller = poller;
        }

        /**
         * A view for the guest ranges one handler (or one thread) serves: the only way a module reads or writes
         * guest memory. Each range the guest names is checked once, when the view is bound to it.
         */
        public GuestRange newGuestRange() {
            return memory.newRange();
        }

        /** The one hypercall table: modules register the calls they serve. */
        public HypercallTable hypercalls() {
            return hypercalls;
        }

        /** POLL's wait set: modules add the fds of devices the guest waits on. */
        public Poller poller() {
            return poller;
        }
    }

    /** spt: the guest is a sandboxed host process; the tender execs the launcher and is gone. */
    record Spt() implements TenderKind {
    }
}
