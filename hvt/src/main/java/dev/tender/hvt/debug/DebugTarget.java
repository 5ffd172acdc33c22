package dev.tender.hvt.debug;

import dev.tender.core.mem.GuestMemory;
import dev.tender.hvt.kvm.Kvm;
import dev.tender.hvt.kvm.Vcpu;

/** The guest the debug modules work on: its architecture's debug support, KVM, vCPU 0, memory and image path. */
public record DebugTarget(DebugArch arch, Kvm kvm, Vcpu vcpu, GuestMemory memory, String kernel) {
}
