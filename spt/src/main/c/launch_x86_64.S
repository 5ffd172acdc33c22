/*
 * launch_x86_64.S: process entry and the jump into the guest (x86_64).
 */

    .text

/*
 * The kernel starts us with %rsp pointing at argc. launch_main(sp) never
 * returns.
 */
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    movq %rsp, %rdi
    andq $-16, %rsp
    call launch_main
    ud2
    .size _start, . - _start

/*
 * sync_code(start, len): nothing to do, x86_64 keeps instruction fetch
 * coherent with stores.
 */
    .globl sync_code
    .type sync_code, @function
sync_code:
    ret
    .size sync_code, . - sync_code

/*
 * enter_guest(mem_size, entry, boot_info): %rsp = mem_size - 8 (nothing
 * pushed), %rdi = boot_info, then jump to entry. Every other general-purpose
 * register is cleared so that no launcher address leaks into the guest's
 * registers; %rax keeps the entry address (the jump target).
 */
    .globl enter_guest
    .type enter_guest, @function
enter_guest:
    leaq -8(%rdi), %rsp
    movq %rsi, %rax
    movq %rdx, %rdi
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %ebp, %ebp
    xorl %r8d, %r8d
    xorl %r9d, %r9d
    xorl %r10d, %r10d
    xorl %r11d, %r11d
    xorl %r12d, %r12d
    xorl %r13d, %r13d
    xorl %r14d, %r14d
    xorl %r15d, %r15d
    cld
    jmp *%rax
    .size enter_guest, . - enter_guest

    .section .note.GNU-stack, "", @progbits
