package dev.tender.manifest.elf;

/**
 * One ELF64 program header ({@code Elf64_Phdr}) together with its index in the
 * table. The u64 fields are held in Java {@code long}s; compare them with
 * {@link Long#compareUnsigned} and print them with
 * {@link Long#toUnsignedString(long)}.
 */
public record ProgramHeader(int index, int type, int flags, long offset, long vaddr, long paddr,
                            long filesz, long memsz, long align) {

    /** Size of an {@code Elf64_Phdr} in bytes. */
    public static final int SIZE = 56;

    public boolean isLoad() {
        return type == ElfImage.PT_LOAD;
    }

    public boolean isNote() {
        return type == ElfImage.PT_NOTE;
    }
}
