/*
 * mem.c: memory map. The application heap runs from the first page after
 * the image (_end) up to the top of guest memory; the initial stack sits at
 * its top and grows down.
 */
#include "runtime.h"

/* Refuse to start with less than this much memory free above the image. */
#define MIN_FREE_MEMORY 0x80000UL

extern char _stext[], _etext[], _erodata[], _end[];

static uintptr_t heap_start;

void mem_init(void)
{
    uint64_t mem_size = platform_mem_size();

    heap_start = ALIGN_UP((uintptr_t)_end, PAGE_SIZE);
    if (heap_start + MIN_FREE_MEMORY > mem_size)
        PANIC("Not enough memory", NULL);

    rt_log(LOG_INFO, "Solo5: Memory map: %lu MB addressable:\n",
            (unsigned long)(mem_size >> 20));
    rt_log(LOG_INFO, "Solo5:   reserved @ (0x0 - 0x%lx)\n",
            (unsigned long)((uintptr_t)_stext - 1));
    rt_log(LOG_INFO, "Solo5:       text @ (0x%lx - 0x%lx)\n",
            (unsigned long)(uintptr_t)_stext,
            (unsigned long)((uintptr_t)_etext - 1));
    rt_log(LOG_INFO, "Solo5:     rodata @ (0x%lx - 0x%lx)\n",
            (unsigned long)(uintptr_t)_etext,
            (unsigned long)((uintptr_t)_erodata - 1));
    rt_log(LOG_INFO, "Solo5:       data @ (0x%lx - 0x%lx)\n",
            (unsigned long)(uintptr_t)_erodata,
            (unsigned long)((uintptr_t)_end - 1));
    rt_log(LOG_INFO, "Solo5:       heap >= 0x%lx < stack < 0x%lx\n",
            (unsigned long)heap_start, (unsigned long)mem_size);
}

void mem_heap(uintptr_t *start, size_t *size)
{
    *start = heap_start;
    *size = platform_mem_size() - heap_start;
}
