/*
 * The core-file structures as each architecture's C library declares them, for CoreRegisterLayoutTest: struct
 * elf_prstatus (sys/procfs.h), the register set in its pr_reg, and the ELF numbers of the core. Compiled only
 * (-c), by gcc for x86_64 and by the cross compiler for aarch64: each value is a "name value" line in the
 * section .core_layout, read back from the object file.
 */
#include <elf.h>
#include <stddef.h>
#include <sys/procfs.h>
#include <sys/user.h>
#if defined(__aarch64__)
#include <asm/ptrace.h>
#endif

#define EMIT(name, value)                                                   \
    __asm__ __volatile__(".pushsection .core_layout\n"                      \
                         ".ascii \"" name " %c0\\n\"\n"                      \
                         ".popsection" : : "i"((unsigned long)(value)))
#define PRSTATUS(field) (((struct elf_prstatus *)0)->field)
#define FIELD(s, f) EMIT(#s "." #f, offsetof(struct s, f))

void core_layout(void);

void core_layout(void)
{
    EMIT("NT_PRSTATUS", NT_PRSTATUS);
    EMIT("ET_CORE", ET_CORE);
    EMIT("PT_LOAD", PT_LOAD);
    EMIT("PT_NOTE", PT_NOTE);
    EMIT("ELFOSABI_STANDALONE", ELFOSABI_STANDALONE);
    EMIT("Elf64_Ehdr", sizeof(Elf64_Ehdr));
    EMIT("Elf64_Phdr", sizeof(Elf64_Phdr));
    EMIT("Elf64_Nhdr", sizeof(Elf64_Nhdr));
    EMIT("elf_prstatus", sizeof(struct elf_prstatus));
    FIELD(elf_prstatus, pr_cursig);
    EMIT("elf_prstatus.pr_cursig.size", sizeof(PRSTATUS(pr_cursig)));
    FIELD(elf_prstatus, pr_pid);
    EMIT("elf_prstatus.pr_pid.size", sizeof(PRSTATUS(pr_pid)));
    FIELD(elf_prstatus, pr_reg);
    EMIT("elf_prstatus.pr_reg.size", sizeof(PRSTATUS(pr_reg)));
#if defined(__x86_64__)
    EMIT("e_machine", EM_X86_64);
    EMIT("user_regs_struct", sizeof(struct user_regs_struct));
    FIELD(user_regs_struct, r15);
    FIELD(user_regs_struct, r14);
    FIELD(user_regs_struct, r13);
    FIELD(user_regs_struct, r12);
    FIELD(user_regs_struct, rbp);
    FIELD(user_regs_struct, rbx);
    FIELD(user_regs_struct, r11);
    FIELD(user_regs_struct, r10);
    FIELD(user_regs_struct, r9);
    FIELD(user_regs_struct, r8);
    FIELD(user_regs_struct, rax);
    FIELD(user_regs_struct, rcx);
    FIELD(user_regs_struct, rdx);
    FIELD(user_regs_struct, rsi);
    FIELD(user_regs_struct, rdi);
    FIELD(user_regs_struct, orig_rax);
    FIELD(user_regs_struct, rip);
    FIELD(user_regs_struct, cs);
    FIELD(user_regs_struct, eflags);
    FIELD(user_regs_struct, rsp);
    FIELD(user_regs_struct, ss);
    FIELD(user_regs_struct, fs_base);
    FIELD(user_regs_struct, gs_base);
    FIELD(user_regs_struct, ds);
    FIELD(user_regs_struct, es);
    FIELD(user_regs_struct, fs);
    FIELD(user_regs_struct, gs);
#elif defined(__aarch64__)
    EMIT("e_machine", EM_AARCH64);
    EMIT("user_pt_regs", sizeof(struct user_pt_regs));
    FIELD(user_pt_regs, regs[0]);
    FIELD(user_pt_regs, regs[1]);
    FIELD(user_pt_regs, regs[29]);
    FIELD(user_pt_regs, regs[30]);
    FIELD(user_pt_regs, sp);
    FIELD(user_pt_regs, pc);
    FIELD(user_pt_regs, pstate);
    EMIT("user_regs_struct", sizeof(struct user_regs_struct));
    FIELD(user_regs_struct, regs[30]);
    FIELD(user_regs_struct, sp);
    FIELD(user_regs_struct, pc);
    FIELD(user_regs_struct, pstate);
#else
#error "core_layout.c knows x86_64 and aarch64"
#endif
}
