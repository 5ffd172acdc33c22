package dev.tender.hvt.arch;

import dev.tender.core.TenderException;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;
import java.util.Optional;

/** The messages of fatal exits that read the same on every architecture. */
public final class FatalExits {
    private FatalExits() {
    }

    /** KVM_EXIT_FAIL_ENTRY and KVM_EXIT_INTERNAL_ERROR, with solo5-hvt's words; empty for any other exit. */
    public static Optional<TenderException> entryOrInternalError(VmExit exit) {
        if (exit instanceof VmExit.FailEntry failure) {
            return Optional.of(new TenderException(String.format(
                    "KVM: entry failure: hw_entry_failure_reason=0x%x", failure.hardwareReason())));
        }
        if (exit instanceof VmExit.InternalError error) {
            return Optional.of(new TenderException(String.format("KVM: internal error exit: suberror=0x%x",
                    error.suberror())));
        }
        return Optional.empty();
    }

    /** The kvm_run exit reason of {@code exit}, for "unhandled exit" messages. */
    public static int reason(VmExit exit) {
        if (exit instanceof VmExit.Io) {
            return KvmApi.EXIT_IO;
        }
        if (exit instanceof VmExit.Mmio) {
            return KvmApi.EXIT_MMIO;
        }
        if (exit instanceof VmExit.FailEntry) {
            return KvmApi.EXIT_FAIL_ENTRY;
        }
        if (exit instanceof VmExit.InternalError) {
            return KvmApi.EXIT_INTERNAL_ERROR;
        }
        if (exit instanceof VmExit.Debug) {
            return KvmApi.EXIT_DEBUG;
        }
        return exit instanceof VmExit.Unhandled unhandled ? unhandled.reason() : 0;
    }
}
