package dev.tender.hvt;

import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;

/** Turns a failed KVM call into solo5-hvt's message: {@code KVM: ioctl (SET_SREGS) failed: <strerror>}. */
final class KvmFailures {
    private KvmFailures() {
    }

    static TenderException fatal(ErrnoException e) {
        String op = e.operation();
        String label;
        if (op.equals("KVM_GET_TSC_KHZ") || op.equals("KVM_CHECK_EXTENSION") || op.startsWith("KVM_ARM_")) {
            label = op;
        } else if (op.startsWith("KVM_")) {
            label = op.substring(4);
        } else if (op.startsWith("mmap kvm_run")) {
            return new TenderException("KVM: VCPU mmap failed: " + e.reason());
        } else {
            label = op;
        }
        return new TenderException("KVM: ioctl (" + label + ") failed: " + e.reason());
    }
}
