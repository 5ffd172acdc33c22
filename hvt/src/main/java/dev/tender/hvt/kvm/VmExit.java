package dev.tender.hvt.kvm;

/** Why KVM_RUN returned: one record per exit the tender treats differently. */
public sealed interface VmExit {
    /** Port I/O. {@code value} is the first 4 bytes at the data offset (the hypercall GPA for an OUT). */
    record Io(int port, int size, boolean out, long value) implements VmExit {
    }

    /** MMIO access; {@code data} holds the little-endian bytes written. */
    record Mmio(long address, int length, boolean write, long data) implements VmExit {
    }

    /**
     * KVM_EXIT_DEBUG (only while a debugger has set KVM_SET_GUEST_DEBUG): the first three 64-bit words of
     * kvm_run.debug.arch, which each architecture reads its own way (x86: vector, pc, dr6; arm64: syndrome, far).
     */
    record Debug(long word0, long word1, long word2) implements VmExit {
    }

    /** KVM_EXIT_FAIL_ENTRY. */
    record FailEntry(long hardwareReason) implements VmExit {
    }

    /** KVM_EXIT_INTERNAL_ERROR. */
    record InternalError(int suberror) implements VmExit {
    }

    /** KVM_RUN failed with EFAULT: the guest touched memory the host cannot map for it (e.g. read-only). */
    record TranslationFault() implements VmExit {
    }

    /** KVM_RUN was interrupted by a signal (EINTR); run again. */
    record Interrupted() implements VmExit {
    }

    /** Any other exit reason (HLT, SHUTDOWN, ...). */
    record Unhandled(int reason) implements VmExit {
    }
}
