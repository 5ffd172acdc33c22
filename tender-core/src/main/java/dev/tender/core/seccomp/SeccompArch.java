package dev.tender.core.seccomp;

/** What a seccomp filter needs to know about the architecture it runs on: the audit arch and the call numbers. */
public interface SeccompArch {
    /** The {@code AUDIT_ARCH_*} value seccomp reports for this architecture's native system calls. */
    int auditArch();

    /**
     * The lowest call number that belongs to another ABI sharing this audit arch (x86_64's x32), killed like
     * a foreign architecture; 0 when there is no such ABI.
     */
    int foreignAbiBit();

    /** The system call number of {@code call}; {@link IllegalArgumentException} if the architecture lacks it. */
    int number(Syscall call);
}
