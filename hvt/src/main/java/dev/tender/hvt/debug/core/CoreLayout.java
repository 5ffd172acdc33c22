package dev.tender.hvt.debug.core;

/**
 * What differs between architectures in a guest core file: the ELF machine number and the size of the
 * architecture's {@code struct elf_prstatus}, with the offset and size of its {@code pr_reg} (the general
 * registers). The values live in the architecture packages ({@code X86CoreRegisters.LAYOUT},
 * {@code Arm64CoreRegisters.LAYOUT}), which also build the {@code pr_reg} bytes.
 *
 * @param elfMachine   {@code e_machine} of the core
 * @param prstatusSize {@code sizeof(struct elf_prstatus)}, the NT_PRSTATUS note's descriptor size
 * @param prRegOffset  {@code offsetof(struct elf_prstatus, pr_reg)}
 * @param prRegSize    {@code sizeof(elf_gregset_t)}
 */
public record CoreLayout(int elfMachine, int prstatusSize, int prRegOffset, int prRegSize) {
    public CoreLayout {
        if (elfMachine <= 0 || elfMachine > 0xFFFF) {
            throw new IllegalArgumentException("e_machine " + elfMachine);
        }
        if (prstatusSize % 4 != 0) {
            throw new IllegalArgumentException("elf_prstatus size " + prstatusSize + " is not a multiple of 4");
        }
        if (prRegOffset < CoreFile.PR_PID + 4 || prRegSize <= 0 || prRegOffset + prRegSize > prstatusSize) {
            throw new IllegalArgumentException(
                    "pr_reg at " + prRegOffset + " (" + prRegSize + " bytes) does not fit elf_prstatus of " + prstatusSize);
        }
    }
}
