/*
 * vectors_aarch64.S: the EL1 exception vector table (VBAR_EL1).
 *
 * Each of the 16 slots (128 bytes apart) makes room for a struct trap_frame
 * (cpu_aarch64.c) below the current stack pointer, stores x0/x1 there, puts
 * its own slot number in x0 and branches to the common code, which stores
 * the other general registers, the interrupted SP and the exception
 * registers, then calls cpu_trap_handler(slot, frame). That call does not
 * return.
 */
#define FRAME_SIZE 288          /* sizeof(struct trap_frame) */

    .section .text.vectors, "ax", %progbits
    .balign 2048
    .global cpu_vectors
    .type cpu_vectors, %function
cpu_vectors:
    .irp slot, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 128
    sub sp, sp, #FRAME_SIZE
    stp x0, x1, [sp, #0]
    mov x0, #\slot
    b trap_common
    .endr
    .size cpu_vectors, . - cpu_vectors

    .type trap_common, %function
trap_common:
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x19, [sp, #144]
    stp x20, x21, [sp, #160]
    stp x22, x23, [sp, #176]
    stp x24, x25, [sp, #192]
    stp x26, x27, [sp, #208]
    stp x28, x29, [sp, #224]
    add x1, sp, #FRAME_SIZE
    stp x30, x1, [sp, #240]
    mrs x2, elr_el1
    mrs x3, spsr_el1
    stp x2, x3, [sp, #256]
    mrs x2, esr_el1
    mrs x3, far_el1
    stp x2, x3, [sp, #272]
    mov x1, sp
    mov x29, #0                 /* end of the frame chain */
    bl cpu_trap_handler
1:  wfe
    b 1b
    .size trap_common, . - trap_common
