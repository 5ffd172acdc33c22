package dev.tender.hvt.kvm;

import dev.tender.core.sys.RawMemory;
import dev.tender.hvt.sys.KvmApi;
import dev.tender.hvt.sys.KvmApi.Run;

/**
 * Reads why KVM_RUN returned from a vCPU's mapped kvm_run area: the exit reason and the fields of the union
 * member that reason selects. Kept apart from {@link Vcpu} so that it can be checked on plain memory.
 */
public final class KvmRunPage {
    /** Bytes of port data the tender reads: one OUTL, the hypercall's 32-bit argument. */
    private static final int IO_VALUE_BYTES = 4;

    private KvmRunPage() {
    }

    /**
     * The exit described by the {@code runSize}-byte kvm_run area at {@code run}. For port I/O the value is the
     * first 4 bytes at the data offset, zero-extended; a data offset that does not leave 4 bytes inside the
     * area (a broken kernel, never a guest's doing) reads as 0.
     */
    public static VmExit readExit(RawMemory run, long runSize) {
        int reason = run.getInt(Run.EXIT_REASON);
        switch (reason) {
            case KvmApi.EXIT_IO: {
                long dataOffset = run.getLong(Run.IO_DATA_OFFSET);
                int size = run.getByte(Run.IO_SIZE);
                long value = dataOffset >= 0 && dataOffset <= runSize - IO_VALUE_BYTES
                        ? Integer.toUnsignedLong(run.getInt(dataOffset)) : 0;
                return new VmExit.Io(Short.toUnsignedInt(run.getShort(Run.IO_PORT)), size,
                        run.getByte(Run.IO_DIRECTION) == KvmApi.EXIT_IO_OUT, value);
            }
            case KvmApi.EXIT_MMIO:
                return new VmExit.Mmio(run.getLong(Run.MMIO_PHYS_ADDR), run.getInt(Run.MMIO_LEN),
                        run.getByte(Run.MMIO_IS_WRITE) != 0, run.getLong(Run.MMIO_DATA));
            case KvmApi.EXIT_DEBUG:
                return new VmExit.Debug(run.getLong(Run.DEBUG_ARCH), run.getLong(Run.DEBUG_ARCH + 8),
                        run.getLong(Run.DEBUG_ARCH + 16));
            case KvmApi.EXIT_FAIL_ENTRY:
                return new VmExit.FailEntry(run.getLong(Run.FAIL_ENTRY_REASON));
            case KvmApi.EXIT_INTERNAL_ERROR:
                return new VmExit.InternalError(run.getInt(Run.INTERNAL_SUBERROR));
            default:
                return new VmExit.Unhandled(reason);
        }
    }
}
