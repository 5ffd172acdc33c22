/* Prints the kernel's view of the KVM structures tender lays out by hand: "name value" per line. */
#include <linux/kvm.h>
#include <stddef.h>
#include <stdio.h>

#define OFF(s, f) printf("%s.%s %zu\n", #s, #f, offsetof(struct s, f))
#define SIZE(s) printf("%s %zu\n", #s, sizeof(struct s))
#define NUM(n) printf("%s %lu\n", #n, (unsigned long)(n))

int main(void)
{
    SIZE(kvm_run);
    OFF(kvm_run, immediate_exit);
    OFF(kvm_run, exit_reason);
    OFF(kvm_run, io.direction);
    OFF(kvm_run, io.size);
    OFF(kvm_run, io.port);
    OFF(kvm_run, io.count);
    OFF(kvm_run, io.data_offset);
    OFF(kvm_run, mmio.phys_addr);
    OFF(kvm_run, mmio.data);
    OFF(kvm_run, mmio.len);
    OFF(kvm_run, mmio.is_write);
    OFF(kvm_run, fail_entry.hardware_entry_failure_reason);
    OFF(kvm_run, internal.suberror);
    SIZE(kvm_userspace_memory_region);
    OFF(kvm_userspace_memory_region, slot);
    OFF(kvm_userspace_memory_region, flags);
    OFF(kvm_userspace_memory_region, guest_phys_addr);
    OFF(kvm_userspace_memory_region, memory_size);
    OFF(kvm_userspace_memory_region, userspace_addr);
    SIZE(kvm_ioeventfd);
    OFF(kvm_ioeventfd, datamatch);
    OFF(kvm_ioeventfd, addr);
    OFF(kvm_ioeventfd, len);
    OFF(kvm_ioeventfd, fd);
    OFF(kvm_ioeventfd, flags);
    SIZE(kvm_regs);
    OFF(kvm_regs, rdi);
    OFF(kvm_regs, rsp);
    OFF(kvm_regs, rip);
    OFF(kvm_regs, rflags);
    SIZE(kvm_sregs);
    OFF(kvm_sregs, cs);
    OFF(kvm_sregs, ds);
    OFF(kvm_sregs, es);
    OFF(kvm_sregs, fs);
    OFF(kvm_sregs, gs);
    OFF(kvm_sregs, ss);
    OFF(kvm_sregs, tr);
    OFF(kvm_sregs, ldt);
    OFF(kvm_sregs, gdt);
    OFF(kvm_sregs, idt);
    OFF(kvm_sregs, cr0);
    OFF(kvm_sregs, cr2);
    OFF(kvm_sregs, cr3);
    OFF(kvm_sregs, cr4);
    OFF(kvm_sregs, cr8);
    OFF(kvm_sregs, efer);
    OFF(kvm_sregs, apic_base);
    SIZE(kvm_segment);
    OFF(kvm_segment, base);
    OFF(kvm_segment, limit);
    OFF(kvm_segment, selector);
    OFF(kvm_segment, type);
    OFF(kvm_segment, present);
    OFF(kvm_segment, dpl);
    OFF(kvm_segment, db);
    OFF(kvm_segment, s);
    OFF(kvm_segment, l);
    OFF(kvm_segment, g);
    OFF(kvm_segment, avl);
    OFF(kvm_segment, unusable);
    OFF(kvm_dtable, base);
    OFF(kvm_dtable, limit);
    OFF(kvm_cpuid2, nent);
    OFF(kvm_cpuid2, entries);
    SIZE(kvm_cpuid_entry2);
    OFF(kvm_cpuid_entry2, function);
    OFF(kvm_cpuid_entry2, index);
    OFF(kvm_cpuid_entry2, flags);
    OFF(kvm_cpuid_entry2, eax);
    OFF(kvm_cpuid_entry2, ebx);
    OFF(kvm_cpuid_entry2, ecx);
    OFF(kvm_cpuid_entry2, edx);
    NUM(KVM_GET_API_VERSION);
    NUM(KVM_CREATE_VM);
    NUM(KVM_CHECK_EXTENSION);
    NUM(KVM_GET_VCPU_MMAP_SIZE);
    NUM(KVM_GET_SUPPORTED_CPUID);
    NUM(KVM_CREATE_VCPU);
    NUM(KVM_SET_USER_MEMORY_REGION);
    NUM(KVM_IOEVENTFD);
    NUM(KVM_RUN);
    NUM(KVM_GET_REGS);
    NUM(KVM_SET_REGS);
    NUM(KVM_GET_SREGS);
    NUM(KVM_SET_SREGS);
    NUM(KVM_SET_CPUID2);
    NUM(KVM_GET_TSC_KHZ);
    NUM(KVM_CAP_USER_MEMORY);
    NUM(KVM_CAP_IOEVENTFD);
    NUM(KVM_CAP_GET_TSC_KHZ);
    NUM(KVM_EXIT_IO);
    NUM(KVM_EXIT_MMIO);
    NUM(KVM_EXIT_FAIL_ENTRY);
    NUM(KVM_EXIT_INTERNAL_ERROR);
    NUM(KVM_EXIT_IO_OUT);
    NUM(KVM_IOEVENTFD_FLAG_PIO);
    return 0;
}
