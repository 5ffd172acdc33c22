/*
 * launch_aarch64.S: process entry, cache maintenance and the jump into the
 * guest (aarch64).
 */

    .text

/*
 * The kernel starts us with sp pointing at argc (16-byte aligned already).
 * No frame record and no return address: launch_main(sp) never returns.
 */
    .globl _start
    .type _start, %function
_start:
    mov x29, #0
    mov x30, #0
    mov x0, sp
    bl launch_main
    udf #0
    .size _start, . - _start

/*
 * sync_code(start, len): the segment's bytes were written by the kernel
 * through the data cache; clean them to the point of unification and
 * invalidate the instruction cache over the range, so that the guest's
 * first instructions are fetched as loaded. Line sizes come from CTR_EL0
 * (DminLine in bits 19:16, IminLine in bits 3:0, both log2 of 4-byte
 * words); Linux lets user code run DC CVAU and IC IVAU.
 */
    .globl sync_code
    .type sync_code, %function
sync_code:
    add x1, x0, x1              /* x1 = end */
    mrs x2, ctr_el0
    mov x3, #4
    ubfx x4, x2, #16, #4
    lsl x4, x3, x4              /* x4 = data cache line size */
    sub x5, x4, #1
    bic x5, x0, x5              /* x5 = first line */
1:  cmp x5, x1
    b.hs 2f
    dc cvau, x5
    add x5, x5, x4
    b 1b
2:  dsb ish
    and x4, x2, #0xf
    lsl x4, x3, x4              /* x4 = instruction cache line size */
    sub x5, x4, #1
    bic x5, x0, x5
3:  cmp x5, x1
    b.hs 4f
    ic ivau, x5
    add x5, x5, x4
    b 3b
4:  dsb ish
    isb
    ret
    .size sync_code, . - sync_code

/*
 * enter_guest(mem_size, entry, boot_info): sp = mem_size - 16, x0 =
 * boot_info, x30 (the link register) = 0, then branch to entry. Every other
 * general-purpose register is cleared so that no launcher address leaks into
 * the guest's registers; x16 keeps the entry address (the branch target).
 */
    .globl enter_guest
    .type enter_guest, %function
enter_guest:
    sub x0, x0, #16
    mov sp, x0
    mov x16, x1
    mov x0, x2
    mov x1, #0
    mov x2, #0
    mov x3, #0
    mov x4, #0
    mov x5, #0
    mov x6, #0
    mov x7, #0
    mov x8, #0
    mov x9, #0
    mov x10, #0
    mov x11, #0
    mov x12, #0
    mov x13, #0
    mov x14, #0
    mov x15, #0
    mov x17, #0
    mov x18, #0
    mov x19, #0
    mov x20, #0
    mov x21, #0
    mov x22, #0
    mov x23, #0
    mov x24, #0
    mov x25, #0
    mov x26, #0
    mov x27, #0
    mov x28, #0
    mov x29, #0
    mov x30, #0
    br x16
    .size enter_guest, . - enter_guest

    .section .note.GNU-stack, "", %progbits
