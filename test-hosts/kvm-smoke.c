/*
 * kvm-smoke: proves that a test host's KVM runs guest code. Creates a VM with one page of memory and one
 * vCPU, runs three instructions that store 0x2a to an unmapped address, and checks that KVM_RUN returns
 * KVM_EXIT_MMIO with that address and value. Prints "kvm-smoke: ok ..." and exits 0, or says what failed
 * and exits 1. Built statically for the host it runs on. With --hold it only creates a VM and keeps it until
 * killed (the test hosts' init starts it that way).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define MEM_GPA   0x10000UL
#define MMIO_GPA  0x40000000UL
#define MAGIC     0x2a

static int fail(const char *what)
{
    printf("kvm-smoke: %s: %s\n", what, strerror(errno));
    return 1;
}

#if defined(__aarch64__)
/* movz x1, #0x4000, lsl #16; movz w0, #0x2a; str w0, [x1]; b . */
static const uint32_t code[] = { 0xd2a80001, 0x52800540, 0xb9000020, 0x14000000 };

static int setup_vcpu(int vm, int vcpu)
{
    struct kvm_vcpu_init init;
    if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) < 0)
        return fail("KVM_ARM_PREFERRED_TARGET");
    if (ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) < 0)
        return fail("KVM_ARM_VCPU_INIT");
    uint64_t pc = MEM_GPA;
    struct kvm_one_reg reg = {
        .id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
              (offsetof(struct kvm_regs, regs.pc) / sizeof(uint32_t)),
        .addr = (uint64_t)(uintptr_t)&pc,
    };
    if (ioctl(vcpu, KVM_SET_ONE_REG, &reg) < 0)
        return fail("KVM_SET_ONE_REG(pc)");
    return 0;
}
#elif defined(__x86_64__)
/* Real mode: mov ebx, 0x40000000 (addr32); mov byte [ebx], 0x2a; hlt */
static const uint8_t code[] = { 0x66, 0xbb, 0x00, 0x00, 0x00, 0x40, 0x67, 0xc6, 0x03, 0x2a, 0xf4 };

static int setup_vcpu(int vm, int vcpu)
{
    (void)vm;
    struct kvm_sregs sregs;
    if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
        return fail("KVM_GET_SREGS");
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    sregs.ds.base = 0;
    sregs.ds.selector = 0;
    if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
        return fail("KVM_SET_SREGS");
    struct kvm_regs regs = { .rip = MEM_GPA, .rflags = 2 };
    if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
        return fail("KVM_SET_REGS");
    return 0;
}
#else
#error "kvm-smoke: unsupported architecture"
#endif

int main(int argc, char **argv)
{
    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0)
        return fail("open /dev/kvm");
    if (argc > 1 && strcmp(argv[1], "--hold") == 0) {
        /*
         * Keep one VM for the host's lifetime: KVM then turns the CPUs' virtualisation on once, instead of on
         * every CPU at each tender's first VM and off again at its exit (cross-CPU calls that an emulated
         * host was seen to hang in).
         */
        if (ioctl(kvm, KVM_CREATE_VM, 0) < 0)
            return fail("KVM_CREATE_VM");
        for (;;)
            pause();
    }
    int version = ioctl(kvm, KVM_GET_API_VERSION, 0);
    if (version != KVM_API_VERSION) {
        printf("kvm-smoke: KVM API version %d, expected %d\n", version, KVM_API_VERSION);
        return 1;
    }
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0)
        return fail("KVM_CREATE_VM");
    size_t size = 0x1000;
    void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return fail("mmap");
    memcpy(mem, code, sizeof code);
    struct kvm_userspace_memory_region region = {
        .slot = 0, .guest_phys_addr = MEM_GPA, .memory_size = size, .userspace_addr = (uint64_t)(uintptr_t)mem,
    };
    if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
        return fail("KVM_SET_USER_MEMORY_REGION");
    int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
    if (vcpu < 0)
        return fail("KVM_CREATE_VCPU");
    int mmap_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (mmap_size < (int)sizeof(struct kvm_run))
        return fail("KVM_GET_VCPU_MMAP_SIZE");
    struct kvm_run *run = mmap(NULL, (size_t)mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    if (run == MAP_FAILED)
        return fail("mmap(vcpu)");
    if (setup_vcpu(vm, vcpu) != 0)
        return 1;
    if (ioctl(vcpu, KVM_RUN, 0) < 0)
        return fail("KVM_RUN");
    if (run->exit_reason != KVM_EXIT_MMIO) {
        printf("kvm-smoke: exit reason %u, expected KVM_EXIT_MMIO (%d)\n", run->exit_reason, KVM_EXIT_MMIO);
        return 1;
    }
    if (!run->mmio.is_write || run->mmio.phys_addr != MMIO_GPA || run->mmio.data[0] != MAGIC) {
        printf("kvm-smoke: MMIO %s of %u bytes at 0x%llx, data[0]=0x%x; expected a write of 0x%x at 0x%lx\n",
               run->mmio.is_write ? "write" : "read", run->mmio.len, (unsigned long long)run->mmio.phys_addr,
               run->mmio.data[0], MAGIC, MMIO_GPA);
        return 1;
    }
    printf("kvm-smoke: ok: the guest wrote 0x%x to 0x%lx (KVM_EXIT_MMIO, %u bytes)\n", MAGIC, MMIO_GPA,
           run->mmio.len);
    return 0;
}
