package dev.tender.hvt.debug;

import dev.tender.hvt.sys.KvmApi;

/** The control word of {@code struct kvm_guest_debug}: what to trap, with KVM_GUESTDBG_ENABLE when anything. */
public final class GuestDebugControl {
    private GuestDebugControl() {
    }

    /**
     * {@code softwareFlag} and {@code hardwareFlag} are the architecture's USE_SW_BP and USE_HW bits, or 0 where
     * they are not wanted; no flag at all switches guest debugging off (0).
     */
    public static int of(boolean step, int softwareFlag, int hardwareFlag) {
        int control = (step ? KvmApi.GUESTDBG_SINGLESTEP : 0) | softwareFlag | hardwareFlag;
        return control == 0 ? 0 : control | KvmApi.GUESTDBG_ENABLE;
    }
}
