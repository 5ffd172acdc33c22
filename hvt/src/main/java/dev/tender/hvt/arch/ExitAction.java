package dev.tender.hvt.arch;

/** What an exit asks of the run loop, once the architecture has decoded it. */
public sealed interface ExitAction {
    /** Hypercall {@code number} with the guest-physical address of its argument structure. */
    record Hypercall(int number, long gpa) implements ExitAction {
    }

    /** Nothing to do: enter the guest again (KVM_RUN was interrupted by a signal). */
    record Resume() implements ExitAction {
    }
}
