/*
 * guest_image.c: the guest's address space. Guest memory is one anonymous
 * mapping from 0x10000 to mem_size (guest address X is host address X);
 * the ELF segments are copied into it with their exact protections, and the
 * boot info goes to 0x11000.
 */
#include "launch.h"

void map_guest_memory(void)
{
    long prot = PROT_READ | PROT_WRITE;
    long p;

    if (plan.flags & PLAN_FLAG_EXEC_HEAP)
        prot |= PROT_EXEC;
    p = spt_syscall6(SPT_SYS_mmap, SPT_HOST_MEM_BASE,
            (long)(plan.mem_size - SPT_HOST_MEM_BASE), prot,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p < 0 && p > -4096)
        fatal("Error allocating guest memory", -p);
    if ((uint64_t)p != SPT_HOST_MEM_BASE)
        fatal("Error allocating guest memory", EEXIST);
}

/* pread(2) until the segment's file bytes are in place; reports failures. */
static void read_segment(int fd, const struct segment *s)
{
    uint64_t done = 0;
    long n = 0;

    while (done < s->filesz) {
        n = SYS4(SPT_SYS_pread64, fd, s->vaddr + done, s->filesz - done,
                s->offset + done);
        if (n <= 0)
            break;
        done += (uint64_t)n;
    }
    if (n < 0) {
        begin();
        put(image);
        put(": phdr[");
        put_u(s->index);
        put("] pread_in_full returned ");
        put_i(n);
        fail(0);
    }
    if (done != s->filesz) {
        begin();
        put(image);
        put(": phdr[");
        put_u(s->index);
        put("] host file segment mismatched (pread_in_full returned ");
        put_u(done);
        put(" != ");
        put_u(s->filesz);
        put(" (p_filesz))");
        fail(0);
    }
}

/*
 * Copies each segment's file bytes to its address and applies its
 * protection. Addresses, sizes and protections come from the plan (checked
 * by the Java side against guest memory); only the bytes come from the file,
 * read from the descriptor the Java side opened and validated (the image is
 * never opened again by path; `image` names it in messages only). The
 * descriptor is closed here, so the guest never holds it.
 */
void load_segments(void)
{
    int fd = plan.image_fd;

    for (uint32_t i = 0; i < plan.n_segs; i++) {
        const struct segment *s = &plan.segs[i];
        long r;

        read_segment(fd, s);
        if (s->prot & PROT_EXEC)
            sync_code(s->vaddr, s->filesz);
        r = SYS3(SPT_SYS_mprotect, s->prot_start, s->prot_len, s->prot);
        if (r < 0) {
            begin();
            put(image);
            put(": mprotect failed");
            fail(-r);
        }
    }
    SYS1(SPT_SYS_close, fd);
}

void write_boot_info(void)
{
    memcpy((void *)SPT_BOOT_INFO_BASE, plan.boot_info, plan.boot_info_len);
}
