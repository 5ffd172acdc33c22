/*
 * trap_x86_64.S: exception entry stubs for vectors 0-31.
 *
 * Each stub makes the stack uniform (pushing a zero error code where the CPU
 * does not push one) and then pushes its vector number. trap_common swaps
 * the vector number for %cr2, which leaves the frame
 *     cr2, ec, rip, cs, rflags, rsp, ss
 * at %rsp, and calls cpu_trap_handler(vector, frame), which never returns.
 */

/* Vectors for which the CPU pushes an error code. */
#define HAS_EC(n) ((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || \
                   (n) == 21 || (n) == 29 || (n) == 30)

    .text

    .macro TRAP_STUB n
    .p2align 4
trap_stub_\n:
    .if !HAS_EC(\n)
    pushq $0
    .endif
    pushq $\n
    jmp trap_common
    .endm

    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    TRAP_STUB \n
    .endr

    .p2align 4
trap_common:
    cld
    movq (%rsp), %rdi           /* vector number */
    movq %cr2, %rax
    movq %rax, (%rsp)           /* frame now starts with cr2 */
    movq %rsp, %rsi
    andq $-16, %rsp             /* ABI stack alignment for the call */
    call cpu_trap_handler
1:  jmp 1b

    .section .rodata
    .p2align 3
    .globl cpu_trap_vectors
cpu_trap_vectors:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad trap_stub_\n
    .endr

    .section .note.GNU-stack,"",@progbits
